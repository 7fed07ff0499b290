"""A form as a Voilà app: the placement named in the page's URL, its people, and the form.

The companion notebooks in `voila_apps/` call `placement_id_from_request` and `show_placement_form`
and nothing else, so that all the logic is here and tested. `resolve_author` is the one place that
decides who fills a form in; today it follows the form's `author` among the placement's people, and
a personal access link will later name the person instead.
"""

from __future__ import annotations

import logging
import os
import sys
from html import escape
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.errors import NotFoundError, OmtError, ValidationError
from omt.store import Person, Placement, Store
from omt.widgets.forms.definition import Choice, FormDefinition, load_definition
from omt.widgets.forms.drafts import DraftKey
from omt.widgets.forms.form import ChoiceSource, FormView
from omt.widgets.forms.targets import target_for
from omt.widgets.forms.i18n import N_, _

log = logging.getLogger(__name__)

QUERY_PARAMETER = "placement"
NO_PLACEMENT_MESSAGE = N_("This link names no placement. Open the form from the link your coordinator "
                          "sent you: it ends with ?placement= and the placement's id.")
UNKNOWN_PLACEMENT_MESSAGE = N_("Placement {placement_id} was not found. Check the link, or contact your "
                               "coordinator.")
NO_AUTHOR_MESSAGE = N_("Nobody is registered to fill this form in for placement {placement_id}. Contact your "
                       "coordinator.")
LOAD_FAILURE_MESSAGE = N_("This form cannot be opened right now. Try again later, or contact your coordinator.")
MESSAGE_STYLE = "font-size: 1.1em; padding: 0.5em 0;"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def placement_id_from_request() -> str | None:
    """Return the `placement` parameter of the page's URL, or None when there is none.

    Voilà passes the query string in `QUERY_STRING`. With preheated kernels the notebook runs before
    any request, so `wait_for_request` first waits for it; without preheating it returns at once.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    return placement_id_from_query(os.environ.get("QUERY_STRING", ""))


def placement_id_from_query(query: str) -> str | None:
    """Return the first `placement` value of a URL query string, stripped, or None."""
    values = parse_qs(query).get(QUERY_PARAMETER) or [""]
    return values[0].strip() or None


def show_placement_form(form_id: str, placement_id: str | None, store: Store) -> widgets.Widget:
    """Return the page for one placement: whose placement it is, then the form; or a plain message.

    A form that creates placements (`saves_to: placement`) needs no placement in the link.
    """
    send_logs_to_server()
    try:
        definition = load_definition(form_id)
        if definition.saves_to == "placement":
            return registration_page(definition, store)
    except Exception:
        log.exception("opening form %s failed", form_id)
        return plain_message(_(LOAD_FAILURE_MESSAGE))
    if placement_id is None:
        return plain_message(_(NO_PLACEMENT_MESSAGE))
    try:
        placement = store.placement(placement_id)
    except (NotFoundError, ValidationError):
        log.warning("form %s requested for unknown placement %r", form_id, placement_id[:80])
        return plain_message(_(UNKNOWN_PLACEMENT_MESSAGE).format(placement_id=placement_id[:80]))
    try:
        return placement_page(definition, placement, store)
    except Exception:
        log.exception("opening form %s for placement %s failed", form_id, placement_id)
        return plain_message(_(LOAD_FAILURE_MESSAGE))


def resolve_author(definition: FormDefinition, placement: Placement, store: Store) -> Person | None:
    """Return the person who fills the form in for the placement, or None when nobody is registered.

    The definition's `author` is a person of the placement (volunteer, mentor, task supervisor) or an
    organisation of it (sending, hosting, coordinating), whose coordinator then fills the form in;
    with several coordinators, the first by id.
    """
    party = definition.author_party
    person_id = getattr(placement, f"{party}_id", None)
    if person_id is not None:
        return store.person(person_id)
    organisation_id = getattr(placement, f"{party}_organisation_id", None)
    if organisation_id is None:
        raise OmtError(f"form {definition.form_id!r} is filled in by {party!r}, which is not a person or "
                       "organisation of a placement; use volunteer, mentor, task_supervisor, sending, hosting "
                       "or coordinating as the form's author")
    coordinators = [person for person in store.people()
                    if person.role == "coordinator" and person.organisation_id == organisation_id]
    return coordinators[0] if coordinators else None


def placement_page(definition: FormDefinition, placement: Placement, store: Store) -> widgets.Widget:
    """Return whose placement it is above the form, filled in by the person `resolve_author` names."""
    author = resolve_author(definition, placement, store)
    if author is None:
        log.warning("form %s for placement %s has no author", definition.form_id, placement.placement_id)
        return plain_message(_(NO_AUTHOR_MESSAGE).format(placement_id=placement.placement_id))
    form = FormView(definition, store, placement.placement_id, author.person_id, language=author.language,
                    target=target_for(definition.saves_to, store), choices=registry_choices(store),
                    draft_key=DraftKey(placement.placement_id, definition.form_id, author.person_id))
    return widgets.VBox([placement_header(placement, store), form.widget])


def registration_page(definition: FormDefinition, store: Store) -> widgets.Widget:
    """Return a form that creates a placement, with its people and organisations from the registry.

    NOTE: the page does not know who fills it in until access links name the person, so it is in
    English and keeps no draft.
    """
    form = FormView(definition, store, None, None, target=target_for(definition.saves_to, store),
                    choices=registry_choices(store))
    return form.widget


def registry_choices(store: Store) -> ChoiceSource:
    """Return the source of `choices_from` choices: people of a role or organisations acting in a role."""
    def choices(source: str) -> tuple[Choice, ...]:
        kind, role = source.split(":")
        if kind == "people":
            return tuple(Choice(person.person_id, f"{person.name} ({person.person_id})")
                         for person in store.people() if person.role == role)
        return tuple(Choice(organisation.organisation_id, f"{organisation.name} ({organisation.organisation_id})")
                     for organisation in store.organisations() if role == "any" or role in organisation.roles)

    return choices


def placement_header(placement: Placement, store: Store) -> widgets.HTML:
    """Return the placement's id with its volunteer, hosting organisation and mentor."""
    rows = (
        (_("Placement"), placement.placement_id),
        (_("Volunteer"), store.person(placement.volunteer_id).name),
        (_("Hosting organisation"), store.organisation(placement.hosting_organisation_id).name),
        (_("Mentor"), store.person(placement.mentor_id).name),
    )
    cells = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{escape(label)}</th>"
                    f"<td>{escape(value)}</td></tr>" for label, value in rows)
    header = widgets.HTML(f"<table>{cells}</table>")
    header.add_class("omt-placement")
    return header


def plain_message(text: str) -> widgets.HTML:
    """Return a message alone on the page, such as for a link that names no placement."""
    message = widgets.HTML(f'<p style="{MESSAGE_STYLE}">{escape(text)}</p>')
    message.add_class("omt-message")
    return message


def send_logs_to_server() -> None:
    """Send this package's log records to the kernel's standard error, once per kernel.

    The kernel's standard error reaches the Voilà server's log. Voilà run with
    `--show_tracebacks=False` (as `omt serve` runs it) strips standard error from the page.
    """
    logger = logging.getLogger("omt")
    if any(getattr(handler, "omt_server_log", False) for handler in logger.handlers):
        return
    handler = logging.StreamHandler(sys.__stderr__)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.omt_server_log = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
