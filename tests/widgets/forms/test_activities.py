"""The job-shadowing page: a form about a person, saved as an activity outside placements."""

from __future__ import annotations

import datetime as dt

from omt.store import Store
from omt.widgets.forms.activities import person_id_from_query, person_page, show_person_form
from omt.widgets.forms.form import FormView


def test_query_names_person() -> None:
    assert person_id_from_query("person=%20C-FR-LYON%20&x=1") == "C-FR-LYON"
    assert person_id_from_query("placement=FR-VN-01") is None


def test_unknown_or_invalid_person_message(demo_store: Store) -> None:
    assert "was not found" in show_person_form("job_shadowing", "NOBODY-1", demo_store).value
    assert "was not found" in show_person_form("job_shadowing", "<script>", demo_store).value
    assert "names no person" in show_person_form("job_shadowing", None, demo_store).value


def test_form_saves_activity(demo_store: Store, monkeypatch) -> None:
    created: list[FormView] = []
    original = FormView.__init__

    def remember(self, *args, **kwargs):
        original(self, *args, **kwargs)
        created.append(self)

    monkeypatch.setattr(FormView, "__init__", remember)
    page = person_page("job_shadowing", demo_store.person("C-FR-LYON"), demo_store)
    assert "Hélène Perrin" in page.children[0].value
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
