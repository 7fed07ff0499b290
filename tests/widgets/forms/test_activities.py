"""The job-shadowing page: a form about a person, saved as an activity outside placements."""

from __future__ import annotations

import datetime as dt

from omt.store import Store
from omt.store.links import issue_link, revoke_key
from omt.widgets.forms.activities import person_page, show_person_form
from omt.widgets.forms.form import FormView
from omt.widgets.language import LanguageRequest
from test_form_app import find, views  # noqa: F401  (a fixture)

ITALIAN_BROWSER = LanguageRequest(accepted="it")


def test_bad_keys_show_only_the_message(demo_store: Store) -> None:
    revoked, _link = issue_link(demo_store, "C-FR-LYON")
    revoke_key(demo_store, revoked)
    for key in (None, "", "wrong-key", revoked):
        text = show_person_form("job_shadowing", key, demo_store).value
        assert "does not open any form" in text
        assert "Hélène Perrin" not in text


def test_bad_key_in_browser_language(demo_store: Store) -> None:
    text = show_person_form("job_shadowing", "wrong-key", demo_store, ITALIAN_BROWSER).value
    assert "Questo link non apre nessun modulo" in text


def test_volunteer_key_refused(demo_store: Store) -> None:
    key, _link = issue_link(demo_store, "V-01")
    text = show_person_form("job_shadowing", key, demo_store, LanguageRequest(chosen="en")).value
    assert "someone else fills it in" in text
    assert "Léa" not in text


def test_volunteer_refused_in_own_language(demo_store: Store) -> None:
    key, _link = issue_link(demo_store, "V-01")
    text = show_person_form("job_shadowing", key, demo_store, ITALIAN_BROWSER).value
    assert "Votre lien n&#x27;ouvre pas ce formulaire" in text


def test_staff_key_opens_own_page(demo_store: Store) -> None:
    key, _link = issue_link(demo_store, "C-IT-BOL")
    page = show_person_form("job_shadowing", key, demo_store)
    header = find(page, "omt-person").value
    assert "Chiara Benedetti" in header
    assert "Nome" in header
    assert "Visita di job shadowing" in find(page, "omt-form").children[0].value


def test_switch_keeps_answers(demo_store: Store, views: list[FormView]) -> None:
    page = person_page("job_shadowing", demo_store.person("C-IT-BOL"), demo_store)
    [objectives] = [field for field in views[-1].fields if field.name == "learning_objectives"]
    objectives.input.value = "Come funziona il consiglio dei giovani"

    find(page, "omt-language").value = "th"

    [objectives] = [field for field in views[-1].fields if field.name == "learning_objectives"]
    assert objectives.input.value == "Come funziona il consiglio dei giovani"
    assert views[-1].language == "th"
    assert "Chiara Benedetti" in find(page, "omt-person").value


def test_form_saves_activity(demo_store: Store, monkeypatch) -> None:
    created: list[FormView] = []
    original = FormView.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(FormView, "__init__", remember)
    page = person_page("job_shadowing", demo_store.person("C-FR-LYON"), demo_store)
    assert "Hélène Perrin" in find(page, "omt-person").value
    form = created[0]
    values = {"part": "plan", "host_organisation_id": "IT-BOL", "visit_start": dt.date(2027, 3, 1),
              "visit_end": dt.date(2027, 3, 5), "learning_objectives": "How the youth council works"}
    for field in form.fields:
        if field.name in values:
            field.input.value = values[field.name]

    saved = form.submit()

    assert saved is not None, form.summary.value
    assert demo_store.activities("C-FR-LYON") == [saved]
    assert saved.answers["learning_objectives"] == "How the youth council works"
