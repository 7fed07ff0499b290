"""A form as a Voilà app: the person from the link's key, their placements, and the form.

A form's link is `/voila/render/<form id>.ipynb?key=<access key>`, optionally with
`&placement=<placement id>` to open one placement directly. The key names one person
(`omt.store.links`); the page then offers only the placements where that person fills the form in,
in their own role, and refuses anything else with a plain message that shows no data.

The companion notebooks in `voila_apps/` call `form_request` and `show_placement_form` and nothing
else, so that all the logic is here and tested. `form_placements` is the one place that decides
who may fill which form in for which placement.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import parse_qs

import ipywidgets as widgets

from omt.errors import OmtError
from omt.i18n import use_language
from omt.store import Person, Placement, Store
from omt.store.links import ORGANISATION_PARTIES, KeyRedactingFilter, person_for_key, placement_parties, placements_of
from omt.widgets.forms.definition import Choice, FormDefinition, load_definition
from omt.widgets.forms.drafts import DraftKey
from omt.widgets.forms.form import ChoiceSource, FormView
from omt.widgets.forms.targets import target_for
from omt.widgets.forms.i18n import N_, _, in_language
from omt.widgets.language import LanguagePage, LanguageRequest, language_request

log = logging.getLogger(__name__)

KEY_PARAMETER = "key"
PLACEMENT_PARAMETER = "placement"
INVALID_LINK_MESSAGE = N_("This link does not open any form: it is incomplete, has expired or was withdrawn. "
                          "Ask your coordinator for a new link.")
NOT_YOUR_FORM_MESSAGE = N_("Your link does not open this form: someone else fills it in. Open the forms your "
                           "coordinator sent you, or contact your coordinator.")
NOT_YOUR_PLACEMENT_MESSAGE = N_("Your link does not open this placement. Open the form without choosing a "
                                "placement, or contact your coordinator.")
CHOOSE_PLACEMENT_MESSAGE = N_("You fill this form in for several placements. Choose one:")
NO_AUTHOR_MESSAGE = N_("Nobody is registered to fill this form in for placement {placement_id}. Contact your "
                       "coordinator.")
LOAD_FAILURE_MESSAGE = N_("This form cannot be opened right now. Try again later, or contact your coordinator.")
# The forms served as pages by `omt serve` (one notebook each in voila_apps/), in journey order.
PAGE_FORMS = ("placement_registration", "pre_departure_checklist", "arrival_checklist", "competence_self_assessment",
              "meeting_log", "volunteer_checkin", "task_supervisor_note", "incident_report", "mid_term_review",
              "final_evaluation", "return_debrief")
MESSAGE_STYLE = "font-size: 1.1em; padding: 0.5em 0;"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True)
class FormRequest:
    """The parts of a form's request: the access key, optionally the placement to open, and language hints."""

    key: str | None = None
    placement_id: str | None = None
    languages: LanguageRequest = LanguageRequest()


def form_request() -> FormRequest:
    """Return the key and placement of the page's URL.

    Voilà passes the query string in `QUERY_STRING`. With preheated kernels the notebook runs before
    any request, so `wait_for_request` first waits for it; without preheating it returns at once.
    """
    from voila.utils import wait_for_request

    wait_for_request()
    return form_request_from_query(os.environ.get("QUERY_STRING", ""))


def form_request_from_query(query: str, environment: Mapping[str, str] | None = None) -> FormRequest:
    """Return the first `key` and `placement` values of a URL query string, stripped; None when empty.

    The language hints are the query's `lang` and the `Accept-Language` header in `environment`
    (default `os.environ`, where Voilà puts the request's headers).
    """
    parameters = parse_qs(query)
    key = (parameters.get(KEY_PARAMETER) or [""])[0].strip() or None
    placement_id = (parameters.get(PLACEMENT_PARAMETER) or [""])[0].strip() or None
    return FormRequest(key=key, placement_id=placement_id, languages=language_request(query, environment))


def show_placement_form(form_id: str, request: FormRequest, store: Store,
                        now: dt.datetime | None = None) -> widgets.Widget:
    """Return the page of a form for the person of the link's key, or a plain message.

    A missing, unknown, expired or revoked key, a form the person does not fill in and a placement
    that is not theirs each get a message that names no placement and shows no data. The message is
    in the person's language when the key names one, else in the browser's.
    """
    send_logs_to_server()
    language = request.languages.language_for()
    try:
        definition = load_definition(form_id)
        person = person_for_key(store, request.key, now)
        if person is None:
            return message_in(language, INVALID_LINK_MESSAGE)
        language = request.languages.language_for(person.language)
        if definition.saves_to == "placement":
            return registration_page(definition, person, store, language)
        placements = form_placements(definition, person, store)
    except Exception:
        log.exception("opening form %s failed", form_id)
        return message_in(language, LOAD_FAILURE_MESSAGE)
    if not placements:
        log.warning("person %s (%s) opened form %s, which they do not fill in", person.person_id, person.role,
                    form_id)
        return message_in(language, NOT_YOUR_FORM_MESSAGE)
    chosen = [placement for placement in placements if placement.placement_id == request.placement_id]
    if request.placement_id is not None and not chosen:
        log.warning("person %s opened form %s for placement %r, which is not theirs", person.person_id, form_id,
                    request.placement_id[:80])
        return message_in(language, NOT_YOUR_PLACEMENT_MESSAGE)
    try:
        return placements_page(definition, placements, person, store, language, chosen[0] if chosen else None)
    except Exception:
        log.exception("opening form %s for person %s failed", form_id, person.person_id)
        return message_in(language, LOAD_FAILURE_MESSAGE)


def form_placements(definition: FormDefinition, person: Person, store: Store) -> list[Placement]:
    """Return the placements where `person` fills `definition` in, by placement id.

    The definition's `author` (or its role) is the party of the placement that fills it in: a
    volunteer, mentor or task supervisor named in the placement, or the coordinator of the
    sending, hosting or coordinating organisation.
    """
    return placements_of(store, person, definition.author_party)


def forms_of(person: Person, store: Store) -> list[str]:
    """Return the ids of the PAGE_FORMS that `person` fills in for at least one placement, in journey order."""
    forms = []
    for form_id in PAGE_FORMS:
        definition = load_definition(form_id)
        if definition.saves_to == "placement":
            allowed = may_register(person, store)
        else:
            allowed = bool(form_placements(definition, person, store))
        if allowed:
            forms.append(form_id)
    return forms


def may_register(person: Person, store: Store) -> bool:
    """Return whether `person` is a coordinator of an organisation that coordinates placements."""
    if person.role != "coordinator" or person.organisation_id is None:
        return False
    return "coordinating" in store.organisation(person.organisation_id).roles


def resolve_author(definition: FormDefinition, placement: Placement, store: Store,
                   person: Person | None = None) -> Person | None:
    """Return who fills the form in for the placement, or None when nobody may.

    With `person` (the person of an access link), that person when they act for the form's author
    party in the placement, else None. Without it, the party itself: the placement's volunteer,
    mentor or task supervisor, or the first coordinator by id of the sending, hosting or coordinating
    organisation, as used by tools that work on a placement without a link.
    """
    party = definition.author_party
    if person is not None:
        return person if party in placement_parties(person, placement) else None
    person_id = getattr(placement, f"{party}_id", None)
    if person_id is not None:
        return store.person(person_id)
    if party not in ORGANISATION_PARTIES:
        raise OmtError(f"form {definition.form_id!r} is filled in by {party!r}, which is not a person or "
                       "organisation of a placement; use volunteer, mentor, task_supervisor, sending, hosting "
                       "or coordinating as the form's author")
    organisation_id = getattr(placement, f"{party}_organisation_id")
    coordinators = [person for person in store.people()
                    if person.role == "coordinator" and person.organisation_id == organisation_id]
    return coordinators[0] if coordinators else None


class FormViews:
    """The latest form view of a page per placement, so that a view built in another language continues it.

    `chosen` is the placement whose form is open on a page that offers several placements.
    """

    def __init__(self, chosen: Placement | None = None):
        self.latest: dict[str | None, FormView] = {}
        self.chosen = chosen

    def build(self, placement_id: str | None, make: Callable[[], FormView]) -> FormView:
        """Return the view that `make` builds, holding what was entered in the previous view for `placement_id`."""
        view = make()
        previous = self.latest.get(placement_id)
        if previous is not None:
            view.continue_from(previous)
        self.latest[placement_id] = view
        return view


def placements_page(definition: FormDefinition, placements: list[Placement], person: Person, store: Store,
                    language: str, chosen: Placement | None = None) -> widgets.Widget:
    """Return the language switch above the form of the one placement, or above a choice of placements."""
    views = FormViews(chosen)
    if len(placements) == 1:
        return LanguagePage(language, lambda page_language: placement_page(
            definition, placements[0], person, store, page_language, views)).widget
    return LanguagePage(language, lambda page_language: PlacementChoice(
        definition, placements, person, store, page_language, views).widget).widget


def placement_page(definition: FormDefinition, placement: Placement, person: Person, store: Store,
                   language: str, views: FormViews | None = None) -> widgets.Widget:
    """Return whose placement it is above the form, filled in by `person` if they may, else a message.

    The page is in `language`, and the submission records it. With `views`, the form continues the
    fill of the previous view for the placement.
    """
    author = resolve_author(definition, placement, store, person)
    if author is None:
        log.warning("person %s may not fill form %s in for placement %s", person.person_id, definition.form_id,
                    placement.placement_id)
        return message_in(language, NOT_YOUR_PLACEMENT_MESSAGE)
    form = (views or FormViews()).build(placement.placement_id, lambda: FormView(
        definition, store, placement.placement_id, author.person_id, language=language,
        target=target_for(definition.saves_to, store), choices=registry_choices(store),
        draft_key=DraftKey(placement.placement_id, definition.form_id, author.person_id)))
    return widgets.VBox([placement_header(placement, store, language), form.widget])


class PlacementChoice:
    """A button per placement the person fills the form in for; the chosen placement's form below."""

    def __init__(self, definition: FormDefinition, placements: list[Placement], person: Person, store: Store,
                 language: str, views: FormViews):
        self.definition = definition
        self.person = person
        self.store = store
        self.language = language
        self.views = views
        volunteers = {p.person_id: p.name for p in store.people()}
        self.buttons = {}
        for placement in placements:
            button = widgets.Button(description=f"{placement.placement_id} · {volunteers[placement.volunteer_id]}",
                                    layout=widgets.Layout(width="auto"))
            button.add_class("omt-choose-placement")
            button.add_class(f"omt-choose-{placement.placement_id}")
            button.on_click(lambda _button, placement=placement: self.open(placement))
            self.buttons[placement.placement_id] = button
        self.form_box = widgets.VBox()
        self.form_box.add_class("omt-chosen-form")
        heading = widgets.HTML(f"<p>{escape(in_language(CHOOSE_PLACEMENT_MESSAGE, language))}</p>")
        choices = widgets.Box(list(self.buttons.values()), layout=widgets.Layout(flex_flow="row wrap"))
        choices.add_class("omt-placement-choice")
        self.widget = widgets.VBox([heading, choices, self.form_box])
        if views.chosen is not None:
            self.open(views.chosen)

    def open(self, placement: Placement) -> None:
        """Show the form for `placement` below the buttons, and mark its button as chosen."""
        self.views.chosen = placement
        for placement_id, button in self.buttons.items():
            button.button_style = "info" if placement_id == placement.placement_id else ""
        try:
            self.form_box.children = [placement_page(self.definition, placement, self.person, self.store,
                                                     self.language, self.views)]
        except Exception:
            log.exception("opening form %s for placement %s failed", self.definition.form_id, placement.placement_id)
            self.form_box.children = [message_in(self.language, LOAD_FAILURE_MESSAGE)]


def registration_page(definition: FormDefinition, person: Person, store: Store,
                      language: str | None = None) -> widgets.Widget:
    """Return a form that creates a placement, for a coordinator of a coordinating organisation.

    The coordinator is the form's author: their draft is kept outside placements, since the
    placement does not exist yet. The placement records no author. The page is in `language`
    (default: the coordinator's) and has the language switch.
    """
    language = language or person.language
    if not may_register(person, store):
        log.warning("person %s (%s) opened the registration form, which they do not fill in", person.person_id,
                    person.role)
        return message_in(language, NOT_YOUR_FORM_MESSAGE)
    views = FormViews()

    def form_in(page_language: str) -> widgets.Widget:
        return views.build(None, lambda: FormView(
            definition, store, None, person.person_id, language=page_language,
            target=target_for(definition.saves_to, store), choices=registry_choices(store),
            draft_key=DraftKey(placement_id=None, form_id=definition.form_id, author_id=person.person_id))).widget

    return LanguagePage(language, form_in).widget


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


def placement_header(placement: Placement, store: Store, language: str) -> widgets.HTML:
    """Return the placement's id with its volunteer, hosting organisation and mentor, labelled in `language`."""
    with use_language(language):
        rows = (
            (_("Placement"), placement.placement_id),
            (_("Volunteer"), store.person(placement.volunteer_id).name),
            (_("Hosting organisation"), store.organisation(placement.hosting_organisation_id).name),
            (_("Mentor"), store.person(placement.mentor_id).name),
        )
    header = widgets.HTML(header_table(rows))
    header.add_class("omt-placement")
    return header


def header_table(rows: Iterable[tuple[str, str]]) -> str:
    """Return a page header as an HTML table: one row per label and value, rows without a value left out."""
    cells = "".join(f"<tr><th style='text-align:left;padding-right:1em'>{escape(label)}</th>"
                    f"<td>{escape(value)}</td></tr>" for label, value in rows if value)
    return f"<table>{cells}</table>"


def plain_message(text: str) -> widgets.HTML:
    """Return a message alone on the page, such as for a link that names no placement."""
    message = widgets.HTML(f'<p style="{MESSAGE_STYLE}">{escape(text)}</p>')
    message.add_class("omt-message")
    return message


def message_in(language: str, message: str, **values: str) -> widgets.HTML:
    """Return `message`, a string marked with `N_`, alone on the page, translated into `language`.

    `values` fill the message's {placeholders} after translation.
    """
    with use_language(language):
        return plain_message(_(message).format(**values) if values else _(message))


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
    handler.addFilter(KeyRedactingFilter())
    handler.omt_server_log = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
