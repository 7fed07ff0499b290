"""A form about a person's activity outside placements, such as a youth worker's job-shadowing visit.

The page's URL carries the person's access key (`?key=...`, from `omt links issue`), not a placement,
and a valid form is stored with `Store.submit_activity` in `<store>/activities/<person id>.json`.
Unsent answers are kept as the person's draft in `<store>/person_drafts/<person id>.json`.
The notebook `voila_apps/job_shadowing.ipynb` calls `form_request` and `show_person_form` only.
"""

from __future__ import annotations

import logging
from typing import Any

import ipywidgets as widgets

from omt.store import Activity, DraftKey, Person, Store
from omt.store.links import person_for_key
from omt.widgets.forms.app import (INVALID_LINK_MESSAGE, LOAD_FAILURE_MESSAGE, NOT_YOUR_FORM_MESSAGE, FormViews,
                                   header_table, message_in, registry_choices, send_logs_to_server)
from omt.widgets.forms.definition import load_definition
from omt.widgets.forms.form import FormView
from omt.widgets.forms.i18n import N_, _
from omt.widgets.language import LanguagePage, LanguageRequest

log = logging.getLogger(__name__)

# Job shadowing is for youth workers of the partner organisations, not for volunteers.
STAFF_ROLES = ("mentor", "task_supervisor", "coordinator", "youth_worker")


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


def show_person_form(form_id: str, key: str | None, store: Store,
                     languages: LanguageRequest | None = None) -> widgets.Widget:
    """Return the page for the person the key belongs to: who fills it in, then the form.

    A missing, wrong, expired or revoked key, or a volunteer's key, gets a plain message and no data,
    in the person's language when the key names one, else in the browser's (`languages`).
    """
    send_logs_to_server()
    languages = languages or LanguageRequest()
    try:
        person = person_for_key(store, key)
    except Exception:
        log.exception("reading the access links for form %s failed", form_id)
        return message_in(languages.language_for(), LOAD_FAILURE_MESSAGE)
    if person is None:
        return message_in(languages.language_for(), INVALID_LINK_MESSAGE)
    language = languages.language_for(person.language)
    if person.role not in STAFF_ROLES:
        log.warning("form %s rejected for person %s, whose role is %s", form_id, person.person_id, person.role)
        return message_in(language, NOT_YOUR_FORM_MESSAGE)
    try:
        return person_page(form_id, person, store, language)
    except Exception:
        log.exception("opening form %s for person %s failed", form_id, person.person_id)
        return message_in(language, LOAD_FAILURE_MESSAGE)


def person_page(form_id: str, person: Person, store: Store, language: str | None = None) -> widgets.Widget:
    """Return the person's name and organisation above the form, which keeps their draft outside placements.

    The page is in `language` (default: the person's) and has the language switch.
    """
    definition = load_definition(form_id)
    organisation = store.organisation(person.organisation_id).name if person.organisation_id else ""
    views = FormViews()

    def page_in(page_language: str) -> widgets.Widget:
        header = widgets.HTML(header_table(((_("Name"), person.name), (_("Organisation"), organisation))))
        header.add_class("omt-person")
        form = views.build(None, lambda: FormView(
            definition, store, None, person.person_id, language=page_language, target=ActivityTarget(store),
            choices=registry_choices(store),
            draft_key=DraftKey(placement_id=None, form_id=form_id, author_id=person.person_id)))
        return widgets.VBox([header, form.widget])

    return LanguagePage(language or person.language, page_in).widget
