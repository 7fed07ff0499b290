"""Relevance, languages, groups, date rules, drafts and save targets, on definitions built here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from omt.store import Store
from omt.store.vocabulary import KEY_COMPETENCES
from omt.widgets.forms import DefinitionError, FormView, load_definition, parse_definition
from omt.widgets.forms.app import registry_choices, resolve_author
from omt.widgets.forms.constraints import CheckContext
from omt.widgets.forms.definition import shipped_form_ids
from omt.widgets.forms.drafts import DraftKey, load_draft
from omt.widgets.forms.relevance import ConditionError, parse_condition
from omt.widgets.forms.targets import PlacementTarget

PLACEMENT = "FR-VN-01"
VOLUNTEER = "V-01"
TODAY = dt.date(2026, 12, 4)
PARTIES = [{"value": "volunteer", "label": "Volunteer"}, {"value": "mentor", "label": "Mentor"}]


def definition(*fields: dict[str, Any], **form: Any) -> Any:
    return parse_definition({"form_id": "engine_test", "version": 1, "title": {"en": "Check-in", "fr": "Bilan"},
                             "role": "volunteer", "fields": list(fields), **form})


CHECKIN = definition(
    {"name": "wellbeing", "type": "scale", "label": {"en": "Wellbeing", "fr": "Bien-être"}, "required": True},
    {"name": "wants_to_talk", "type": "yes_no", "label": "Talk?", "required": True},
    {"name": "talk_about", "type": "long_text", "label": "About what?", "required": True,
     "relevant": {"field": "wants_to_talk", "equals": True}},
)
LOG = definition(
    {"name": "meeting_date", "type": "date", "label": "Meeting", "required": True},
    {"name": "actions", "type": "repeat", "label": "Actions", "max_rows": 2,
     "fields": [{"name": "action", "type": "short_text", "label": "Action", "required": True},
                {"name": "owner", "type": "dropdown", "label": "Owner", "required": True, "choices": PARTIES},
                {"name": "due", "type": "date", "label": "Due", "required": True,
                 "constraints": [{"rule": "on_or_after", "field": "meeting_date",
                                  "message": {"en": "Not before the meeting.", "fr": "Pas avant la réunion."}}]}]},
    {"name": "next_meeting", "type": "date", "label": "Next meeting",
     "constraints": [{"rule": "after", "field": "meeting_date"}]},
)


def make(store: Store, form_definition: Any = CHECKIN, language: str = "en", drafts: bool = False) -> FormView:
    key = DraftKey(PLACEMENT, form_definition.form_id, VOLUNTEER) if drafts else None
    return FormView(form_definition, store, PLACEMENT, VOLUNTEER, language=language,
                    context=lambda: CheckContext(today=TODAY), draft_key=key)


def by_name(form: FormView) -> dict[str, Any]:
    return {field.name: field for field in form.fields}


def saved_answers(store: Store) -> list[dict[str, Any]]:
    return [s.answers for s in store.submissions(PLACEMENT, "engine_test")]


# -- relevance ----------------------------------------------------------------------------------


def test_irrelevant_field_hidden_not_stored(demo_store: Store) -> None:
    form = make(demo_store)
    fields = by_name(form)
    assert fields["talk_about"].widget.layout.display == "none"
    fields["wellbeing"].input.value = 4
    fields["wants_to_talk"].input.value = False
    assert form.submit() is not None
    assert saved_answers(demo_store) == [{"wellbeing": 4, "wants_to_talk": False}]


def test_relevant_field_shown_and_required(demo_store: Store) -> None:
    form = make(demo_store)
    fields = by_name(form)
    fields["wellbeing"].input.value = 2
    fields["wants_to_talk"].input.value = True
    assert fields["talk_about"].widget.layout.display is None
    assert form.submit() is None
    assert "Answer this question." in fields["talk_about"].error.value
    fields["talk_about"].input.value = "Missing my family."
    form.submit()
    assert saved_answers(demo_store) == [{"wellbeing": 2, "wants_to_talk": True, "talk_about": "Missing my family."}]


def test_hidden_again_clears_its_message(demo_store: Store) -> None:
    form = make(demo_store)
    fields = by_name(form)
    fields["wants_to_talk"].input.value = True
    form.submit()
    fields["wants_to_talk"].input.value = False
    form.submit()
    assert fields["talk_about"].error.value == ""


@pytest.mark.parametrize(("condition", "answers", "expected"), [
    ({"field": "a", "equals": True}, {"a": True}, True),
    ({"field": "a", "equals": True}, {"a": None}, False),
    ({"field": "a", "one_of": ["high", "medium"]}, {"a": "high"}, True),
    ({"field": "a", "one_of": ["high", "medium"]}, {"a": "low"}, False),
    ({"field": "a", "includes": "conflict"}, {"a": ["tasks", "conflict"]}, True),
    ({"field": "a", "includes": "conflict"}, {"a": None}, False),
    ({"field": "a", "answered": True}, {"a": "  "}, False),
    ({"field": "a", "answered": False}, {"a": []}, True),
    ({"all": [{"field": "a", "equals": 1}, {"field": "b", "equals": 2}]}, {"a": 1, "b": 3}, False),
    ({"any": [{"field": "a", "equals": 1}, {"field": "b", "equals": 2}]}, {"a": 1, "b": 3}, True),
    ({"not": {"field": "a", "equals": 1}}, {"a": 1}, False),
])
def test_condition_holds(condition: dict[str, Any], answers: dict[str, Any], expected: bool) -> None:
    assert parse_condition(condition).holds(answers) is expected


@pytest.mark.parametrize(("condition", "message"), [
    ("a == 1", "must be a mapping"),
    ({"field": "a"}, "exactly one of"),
    ({"field": "a", "equals": 1, "one_of": [1]}, "exactly one of"),
    ({"field": "a", "one_of": []}, "non-empty list"),
    ({"all": []}, "non-empty list"),
    ({"not": {"field": "a", "equals": 1}, "field": "b"}, "unexpected key"),
])
def test_invalid_condition_rejected(condition: Any, message: str) -> None:
    with pytest.raises(ConditionError, match=message):
        parse_condition(condition)


def test_condition_on_later_field_rejected() -> None:
    with pytest.raises(DefinitionError, match="'relevant' reads 'later'"):
        definition({"name": "first", "type": "short_text", "label": "First",
                    "relevant": {"field": "later", "equals": "x"}},
                   {"name": "later", "type": "short_text", "label": "Later"})


# -- languages ----------------------------------------------------------------------------------


def test_texts_in_person_language(demo_store: Store) -> None:
    form = make(demo_store, language="fr")
    assert "Bilan" in form.widget.children[0].value
    assert "Bien-être" in by_name(form)["wellbeing"].widget.children[0].value


def test_missing_language_falls_back_to_english(demo_store: Store) -> None:
    form = make(demo_store, language="th")
    assert "Check-in" in form.widget.children[0].value
    assert "Wellbeing" in by_name(form)["wellbeing"].widget.children[0].value


def test_rule_message_in_person_language(demo_store: Store) -> None:
    form = make(demo_store, LOG, language="fr")
    fields = by_name(form)
    fields["meeting_date"].input.value = dt.date(2026, 12, 1)
    row = fields["actions"].add_row()
    row.field_set.fields[0].input.value = "Call"
    row.field_set.fields[1].input.value = "mentor"
    row.field_set.fields[2].input.value = dt.date(2026, 11, 30)
    assert form.submit() is None
    assert "Pas avant la réunion." in row.field_set.fields[2].error.value


@pytest.mark.parametrize(("text", "message"), [
    ({"fr": "Bilan"}, "English text"),
    ({"en": "Check-in", "de": "Check-in"}, "unknown language"),
    (True, "in quotes"),
])
def test_invalid_text_rejected(text: Any, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        definition({"name": "a", "type": "short_text", "label": text})


# -- repeat groups and groups -------------------------------------------------------------------


def test_repeat_rows_stored_as_list(demo_store: Store) -> None:
    form = make(demo_store, LOG)
    fields = by_name(form)
    fields["meeting_date"].input.value = dt.date(2026, 12, 1)
    for action, owner in (("Send the course list", "mentor"), ("Ask the team", "volunteer")):
        row = fields["actions"].add_row()
        row.field_set.fields[0].input.value = action
        row.field_set.fields[1].input.value = owner
        row.field_set.fields[2].input.value = dt.date(2026, 12, 8)
    form.submit()
    [answers] = saved_answers(demo_store)
    assert answers["actions"] == [
        {"action": "Send the course list", "owner": "mentor", "due": dt.date(2026, 12, 8)},
        {"action": "Ask the team", "owner": "volunteer", "due": dt.date(2026, 12, 8)}]
    assert answers["next_meeting"] is None


def test_repeat_row_validated_alone(demo_store: Store) -> None:
    form = make(demo_store, LOG)
    fields = by_name(form)
    fields["meeting_date"].input.value = dt.date(2026, 12, 1)
    first, second = fields["actions"].add_row(), fields["actions"].add_row()
    first.field_set.fields[0].input.value = "Call"
    first.field_set.fields[1].input.value = "mentor"
    first.field_set.fields[2].input.value = dt.date(2026, 12, 2)
    second.field_set.fields[0].input.value = "Write"
    assert form.submit() is None
    assert "Correct row 2." in fields["actions"].error.value
    assert first.field_set.fields[1].error.value == ""
    assert "Choose one answer." in second.field_set.fields[1].error.value
    assert "<li>Actions</li>" in form.summary.value
    assert saved_answers(demo_store) == []


def test_repeat_add_remove_and_max(demo_store: Store) -> None:
    form = make(demo_store, LOG)
    actions = by_name(form)["actions"]
    first = actions.add_row()
    actions.add_row()
    assert actions.add_row() is None
    assert actions.add_button.disabled
    first.remove_button.click()
    assert len(actions.rows) == 1
    assert not actions.add_button.disabled
    assert "omt-row-1" in actions.rows[0].widget._dom_classes


def test_required_repeat_needs_row(demo_store: Store) -> None:
    required = definition({"name": "items", "type": "repeat", "label": "Items", "required": True,
                           "fields": [{"name": "item", "type": "short_text", "label": "Item"}]})
    form = make(demo_store, required)
    assert form.submit() is None
    assert "Add at least one row." in form.fields[0].error.value


def test_group_omits_unanswered_items(demo_store: Store) -> None:
    outcomes = definition({"name": "outcomes", "type": "group", "label": "Outcomes", "required": True,
                           "fields": [{"name": competence, "type": "long_text", "label": label}
                                      for competence, label in KEY_COMPETENCES]})
    form = make(demo_store, outcomes)
    assert form.submit() is None
    assert "Answer at least one of these questions." in form.fields[0].error.value
    form.fields[0].field_set.fields[1].input.value = "I can lead a meeting in French."
    form.submit()
    assert saved_answers(demo_store) == [{"outcomes": {"multilingual": "I can lead a meeting in French."}}]


def test_nested_repeat_rejected() -> None:
    inner = {"name": "inner", "type": "repeat", "label": "Inner",
             "fields": [{"name": "x", "type": "short_text", "label": "X"}]}
    with pytest.raises(DefinitionError, match="cannot be inside another"):
        definition({"name": "outer", "type": "repeat", "label": "Outer", "fields": [inner]})


# -- dates and other rules ----------------------------------------------------------------------


def test_date_after_other_field(demo_store: Store) -> None:
    form = make(demo_store, LOG)
    fields = by_name(form)
    fields["meeting_date"].input.value = dt.date(2026, 12, 1)
    fields["next_meeting"].input.value = dt.date(2026, 12, 1)
    assert form.submit() is None
    assert "Enter a date after December 1, 2026." in fields["next_meeting"].error.value


def test_rule_naming_unknown_field_rejected() -> None:
    with pytest.raises(DefinitionError, match="compares with 'start'"):
        definition({"name": "end", "type": "date", "label": "End",
                    "constraints": [{"rule": "after", "field": "start"}]})


def test_rule_without_field_rejected() -> None:
    with pytest.raises(DefinitionError, match="needs the 'field'"):
        definition({"name": "end", "type": "date", "label": "End", "constraints": [{"rule": "after"}]})


# -- drafts -------------------------------------------------------------------------------------


def test_draft_restored_in_new_form(demo_store: Store) -> None:
    form = make(demo_store, LOG, drafts=True)
    fields = by_name(form)
    fields["meeting_date"].input.value = dt.date(2026, 12, 1)
    row = fields["actions"].add_row()
    row.field_set.fields[0].input.value = "Call the school"
    assert "kept as a draft" in form.draft_note.value

    reopened = make(demo_store, LOG, drafts=True)
    fields = by_name(reopened)
    assert fields["meeting_date"].input.value == dt.date(2026, 12, 1)
    assert fields["actions"].rows[0].field_set.fields[0].input.value == "Call the school"
    assert "are back on the page" in reopened.draft_note.value


def test_draft_keeps_invalid_entry(demo_store: Store) -> None:
    form = make(demo_store, definition({"name": "minutes", "type": "integer", "label": "Minutes"}), drafts=True)
    form.fields[0].input.value = "4x"
    reopened = make(demo_store, form.definition, drafts=True)
    assert reopened.fields[0].input.value == "4x"


def test_draft_cleared_after_save(demo_store: Store) -> None:
    form = make(demo_store, drafts=True)
    fields = by_name(form)
    fields["wellbeing"].input.value = 3
    fields["wants_to_talk"].input.value = False
    key = DraftKey(PLACEMENT, "engine_test", VOLUNTEER)
    assert load_draft(demo_store, key) is not None
    form.submit()
    assert load_draft(demo_store, key) is None
    assert by_name(make(demo_store, drafts=True))["wellbeing"].input.value is None


def test_draft_failure_keeps_page(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_change(*args: Any) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(demo_store, "_change", failing_change)
    form = make(demo_store, drafts=True)
    by_name(form)["wellbeing"].input.value = 3
    assert "could not be kept as a draft" in form.draft_note.value


# -- save targets and authors -------------------------------------------------------------------


def registration_form(store: Store) -> FormView:
    return FormView(load_definition("placement_registration"), store, None, None,
                    context=lambda: CheckContext(today=TODAY), target=PlacementTarget(store),
                    choices=registry_choices(store))


def fill_registration(form: FormView, placement_id: str) -> None:
    values = {"placement_id": placement_id, "volunteer_id": "V-02", "sending_organisation_id": "FR-MARS",
              "hosting_organisation_id": "IT-BOL", "coordinating_organisation_id": "FR-LYON",
              "mentor_id": "M-IT-BOL", "task_supervisor_id": "S-IT-BOL", "start_date": dt.date(2027, 3, 1),
              "end_date": dt.date(2027, 9, 1), "activity": "Youth radio"}
    for name, field in by_name(form).items():
        field.input.value = values[name]


def test_registration_creates_placement(demo_store: Store) -> None:
    form = registration_form(demo_store)
    fill_registration(form, "FR-IT-13")
    form.submit()
    placement = demo_store.placement("FR-IT-13")
    assert (placement.volunteer_id, placement.mentor_id, placement.status) == ("V-02", "M-IT-BOL", "planned")
    assert "Placement FR-IT-13 registered." in form.confirmation.value


def test_registration_taken_id_rejected(demo_store: Store) -> None:
    form = registration_form(demo_store)
    fill_registration(form, "FR-VN-01")
    assert form.submit() is None
    assert "already exists" in by_name(form)["placement_id"].error.value
    assert demo_store.placement("FR-VN-01").volunteer_id == "V-01"


def test_registration_end_before_start(demo_store: Store) -> None:
    form = registration_form(demo_store)
    fill_registration(form, "FR-IT-13")
    by_name(form)["end_date"].input.value = dt.date(2027, 2, 1)
    assert form.submit() is None
    assert "The end date must come after the start date." in by_name(form)["end_date"].error.value


def test_registration_choices_from_registry(demo_store: Store) -> None:
    options = dict((value, label) for label, value in by_name(registration_form(demo_store))["mentor_id"].input.options)
    assert options["M-VN-HAN"] == "Phạm Thu Trang (M-VN-HAN)"
    assert "S-VN-HAN" not in options


@pytest.mark.parametrize(("form_id", "author_id"), [
    ("meeting_log", "M-VN-HAN"), ("volunteer_checkin", "V-01"), ("task_supervisor_note", "S-VN-HAN"),
    ("pre_departure_checklist", "C-FR-LYON"), ("arrival_checklist", "C-VN-HAN"),
    ("mid_term_review", "C-FR-LYON"),
])
def test_author_follows_form(demo_store: Store, form_id: str, author_id: str) -> None:
    author = resolve_author(load_definition(form_id), demo_store.placement("FR-VN-01"), demo_store)
    assert author.person_id == author_id


def test_shipped_definitions_load() -> None:
    for form_id in shipped_form_ids():
        assert load_definition(form_id).form_id == form_id


@pytest.mark.parametrize(("form_id", "group"), [("competence_self_assessment", "scores"),
                                                 ("final_evaluation", "learning_outcomes")])
def test_competence_groups_match_vocabulary(form_id: str, group: str) -> None:
    fields = load_definition(form_id).field(group).fields
    assert [field.name for field in fields] == [competence for competence, _ in KEY_COMPETENCES]
