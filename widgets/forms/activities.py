"""A form about a person's activity outside placements, such as a youth worker's job-shadowing visit.

The page's URL names the person (`?person=ID`), not a placement, and a valid form is stored with
`Store.submit_activity` in `<store>/activities/<person id>.json`. The notebook
`voila_apps/job_shadowing.ipynb` calls `person_id_from_request` and `show_person_form` only.
"""

from __future__ import annotations

import logging
import os
from html import escape
from typing import Any
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.errors import NotFoundError, ValidationError
from omt.store import Activity, Person, Store
from omt.widgets.forms.app import LOAD_FAILURE_MESSAGE, plain_message, registry_choices, send_logs_to_server
from omt.widgets.forms.definition import load_definition
from omt.widgets.forms.form import FormView
from omt.widgets.forms.i18n import N_, _

log = logging.getLogger(__name__)

QUERY_PARAMETER = "person"
NO_PERSON_MESSAGE = N_("This link names no person. Open the form from the link your coordinator sent you: "
                       "it ends with ?person= and your id.")
UNKNOWN_PERSON_MESSAGE = N_("Person {person_id} was not found. Check the link, or contact your coordinator.")


class ActivityTarget:
    """Stores the answers as an activity of the form's author; saving again after a change adds a revision."""

    def __init__(self, store: Store):
        self.store = store

    def save(self, form: FormView, answers: dict[str, Any]) -> Activity:
        if form.saved is not None and answers != form.saved.answers:
            return self.store.revise_activity(form.author_id, form.submission_id, answers)
        definition = form.definition
        return self.store.submit_activity(form.author_id, definition.form_id, answers, language=form.language,
                                          form_version=definition.version, activity_id=form.submission_id)

    def confirmation(self, record: Activity) -> tuple[str, str]:
        heading = _("Saved.") if record.revision == 1 else _("Changes saved as revision {revision}.").format(
            revision=record.revision)
        return heading, _("Reference: {submission_id}").format(submission_id=record.activity_id)


def person_id_from_request() -> str | None:
    """Return the `person` parameter of the page's URL, or None; waits for the request when preheated."""
    from voila.utils import wait_for_request

    wait_for_request()
    return person_id_from_query(os.environ.get("QUERY_STRING", ""))


def person_id_from_query(query: str) -> str | None:
    """Return the first `person` value of a URL query string, stripped, or None."""
    values = parse_qs(query).get(QUERY_PARAMETER) or [""]
    return values[0].strip() or None


def show_person_form(form_id: str, person_id: str | None, store: Store) -> widgets.Widget:
    """Return the page for one person: who fills it in, then the form; or a plain message."""
    send_logs_to_server()
    if person_id is None:
        return plain_message(_(NO_PERSON_MESSAGE))
    try:
        person = store.person(person_id)
    except (NotFoundError, ValidationError):
        log.warning("form %s requested for unknown person %r", form_id, person_id[:80])
        return plain_message(_(UNKNOWN_PERSON_MESSAGE).format(person_id=person_id[:80]))
    try:
        return person_page(form_id, person, store)
    except Exception:
        log.exception("opening form %s for person %s failed", form_id, person_id)
        return plain_message(_(LOAD_FAILURE_MESSAGE))


def person_page(form_id: str, person: Person, store: Store) -> widgets.Widget:
    """Return the person's name and organisation above the form.

    NOTE: this page keeps no draft, because drafts are kept per placement.
    """
    definition = load_definition(form_id)
    form = FormView(definition, store, None, person.person_id, language=person.language,
                    target=ActivityTarget(store), choices=registry_choices(store))
    organisation = store.organisation(person.organisation_id).name if person.organisation_id else ""
    rows = ((_("Name"), person.name), (_("Organisation"), organisation))
    cells = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{escape(label)}</th>"
                    f"<td>{escape(value)}</td></tr>" for label, value in rows if value)
    header = widgets.HTML(f"<table>{cells}</table>")
    header.add_class("omt-person")
    return widgets.VBox([header, form.widget])
