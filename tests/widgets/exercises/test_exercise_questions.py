"""Question files: parsing, and messages that tell the course author what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from omt.widgets.exercises import QuestionError, load_question_set, parse_question_set

from exercise_data import (CHECKLIST, MATCHING, MULTIPLE, ORDERING, REFLECTION, SCENARIO, SELF_ASSESSMENT,
                           SINGLE, question_data)

COURSE_QUESTIONS = Path(__file__).parents[3] / "modules" / "questions"


def test_valid_data_keeps_file_order() -> None:
    questions = parse_question_set(question_data(SINGLE, MULTIPLE, MATCHING))

    assert list(questions.questions) == ["first_contact", "mentor_role", "who_does_what"]
    assert questions.question("first_contact").correct_ids == {"mentor"}


def test_unknown_question_lists_known_ids() -> None:
    questions = parse_question_set(question_data(SINGLE))

    with pytest.raises(QuestionError, match="'nope' not found .* has: first_contact"):
        questions.question("nope")


def test_single_choice_needs_one_correct() -> None:
    options = [{**option, "correct": True} for option in SINGLE["options"]]

    with pytest.raises(QuestionError, match="exactly one correct option, not 3"):
        parse_question_set(question_data({**SINGLE, "options": options}))


def test_missing_why_named() -> None:
    options = [{key: value for key, value in option.items() if key != "why"} for option in SINGLE["options"]]

    with pytest.raises(QuestionError, match="option 0: why is missing"):
        parse_question_set(question_data({**SINGLE, "options": options}))


def test_matching_answer_must_be_a_choice() -> None:
    rows = [{**MATCHING["rows"][0], "answer": "embassy"}]

    with pytest.raises(QuestionError, match="answer 'embassy' is not one of the choices"):
        parse_question_set(question_data({**MATCHING, "rows": rows}))


def test_duplicate_and_unknown_kind_reported_together() -> None:
    with pytest.raises(QuestionError) as raised:
        parse_question_set(question_data(SINGLE, SINGLE, {**MULTIPLE, "kind": "essay"}))

    assert "2 problem(s)" in str(raised.value)
    assert "used twice" in str(raised.value)
    assert "kind 'essay' is not one of" in str(raised.value)


def test_missing_file_message_has_no_path(tmp_path: Path) -> None:
    with pytest.raises(QuestionError) as raised:
        load_question_set(tmp_path / "absent.yaml")

    assert "'absent.yaml' not found" in str(raised.value)
    assert str(tmp_path) not in str(raised.value)


@pytest.mark.parametrize("path", sorted(COURSE_QUESTIONS.glob("*.yaml")), ids=lambda path: path.name)
def test_course_question_files_load(path: Path) -> None:
    questions = load_question_set(path)

    assert path.stem == questions.module
    assert questions.questions


def test_new_kinds_parse() -> None:
    questions = parse_question_set(question_data(ORDERING, SCENARIO, REFLECTION, SELF_ASSESSMENT, CHECKLIST))

    assert questions.question("journey_stages").right_order[0] == "preparation"
    assert questions.question("late_call").start == "call"
    assert questions.question("my_welcome").max_words == 12
    assert questions.question("confidence").scale[4] == "5 fully"
    assert questions.question("arrival_list").essential_ids == {"contacts", "meeting"}


def test_scenario_loop_and_unknown_next() -> None:
    steps = [{**SCENARIO["steps"][0]},
             {**SCENARIO["steps"][1], "choices": [{**SCENARIO["steps"][1]["choices"][0], "next": "call"},
                                                 {**SCENARIO["steps"][1]["choices"][1], "next": "gone"}]}]

    with pytest.raises(QuestionError) as raised:
        parse_question_set(question_data({**SCENARIO, "steps": steps}))

    assert "the steps form a loop" in str(raised.value)
    assert "next 'gone' is not one of the steps" in str(raised.value)


def test_scenario_unreached_step_and_no_recommended() -> None:
    lost = {"id": "lost", "text": "Never shown.", "choices": [{"id": "a", "text": "A", "consequence": "C"}]}

    with pytest.raises(QuestionError) as raised:
        parse_question_set(question_data({**SCENARIO, "steps": [*SCENARIO["steps"], lost]}))

    assert "steps never reached from the start: lost" in str(raised.value)
    assert "step 'lost': mark one or more choices as recommended" in str(raised.value)


@pytest.mark.parametrize(("entry", "message"), [
    ({**ORDERING, "items": ORDERING["items"][:2]}, "at least three items"),
    ({**REFLECTION, "min_words": 20}, "min_words 20 is above max_words 12"),
    ({**REFLECTION, "max_words": "many"}, "max_words must be a whole number"),
    ({**SELF_ASSESSMENT, "scale": ["low", "high"]}, "scale has 2 labels; give exactly 5"),
    ({**CHECKLIST, "bank": [{"id": "x", "text": "X", "essential": True}]}, "bank item 0: why is missing"),
], ids=["ordering", "reflection_range", "reflection_type", "scale", "checklist_why"])
def test_new_kind_problems_named(entry: dict, message: str) -> None:
    with pytest.raises(QuestionError, match=message):
        parse_question_set(question_data(entry))
