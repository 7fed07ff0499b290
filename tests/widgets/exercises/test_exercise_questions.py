"""Question files: parsing, and messages that tell the course author what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from omt.widgets.exercises import QuestionError, load_question_set, parse_question_set

from exercise_data import MATCHING, MULTIPLE, SINGLE, question_data

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
