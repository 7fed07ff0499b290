"""Course modules 03, 04, 05 and 07: the structure every module needs, and clean committed outputs.

Each module must state its learning objectives, tell a fictional story set between the partners'
countries, offer at least four exercises from its own question file, and close with what to do
differently on Monday. nbval (run on `modules/`) checks that a fresh run reproduces the outputs.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from omt.store import Store
from omt.widgets.exercises import ScenarioExercise, Training, load_question_set

MODULES = Path(__file__).parents[2] / "modules"
MODULE_NAMES = [
    "03_mentoring_conversations",
    "04_wellbeing_and_crisis",
    "05_learning_and_recognition",
    "07_good_practice_and_funding",
]
PARTNER_COUNTRIES = ("France", "Italy", "Vietnam", "Thailand", "United States")
MACHINE_TEXT = re.compile(r"/work/|/tmp/|/root/|/home/|0x[0-9a-f]{6,}|Traceback|\d{4}-\d\d-\d\dT\d\d:\d\d")
EXERCISE_CALL = re.compile(r'^training\.exercise\("([a-z0-9_]+)"\)$')
OPENING_CELL = re.compile(r'open_training\("questions/(?P<name>[a-z0-9_]+)\.yaml"\)')
CHECK_GUIDE = "check the current programme guide"

# The eight key competences of the EU Council Recommendation of 2018, in its order and wording.
KEY_COMPETENCES = [
    "Literacy competence",
    "Multilingual competence",
    "Mathematical competence and competence in science, technology and engineering",
    "Digital competence",
    "Personal, social and learning to learn competence",
    "Citizenship competence",
    "Entrepreneurship competence",
    "Cultural awareness and expression competence",
]


def notebook(name: str) -> nbformat.NotebookNode:
    return nbformat.read(MODULES / f"{name}.ipynb", as_version=4)


def cells_of(name: str, cell_type: str) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook(name).cells if cell.cell_type == cell_type]


def markdown(name: str) -> str:
    return "\n\n".join(cell.source for cell in cells_of(name, "markdown"))


def exercise_ids(name: str) -> list[str]:
    """Return the question ids of the module's exercise cells, in notebook order."""
    ids = []
    for cell in cells_of(name, "code"):
        match = EXERCISE_CALL.match(cell.source.strip())
        if match:
            ids.append(match.group(1))
    return ids


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_states_objectives(name: str) -> None:
    text = markdown(name)

    assert "## What you will be able to do" in text
    assert re.search(r"^1\. ", text.split("## What you will be able to do")[1], re.MULTILINE)


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_opens_training_first(name: str) -> None:
    first = cells_of(name, "code")[0].source
    match = OPENING_CELL.search(first)

    assert match, first
    assert match.group("name") == name
    assert "training.name_box()" in first


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_exercises_exist(name: str) -> None:
    used = exercise_ids(name)
    questions = load_question_set(MODULES / "questions" / f"{name}.yaml")

    assert len(used) >= 4
    assert len(used) == len(set(used)), used
    assert sorted(used) == sorted(questions.questions)
    assert questions.module == name


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_code_cells_are_exercises(name: str) -> None:
    # Besides the opening cell, every code cell shows exactly one exercise and nothing else.
    for cell in cells_of(name, "code")[1:]:
        assert EXERCISE_CALL.match(cell.source.strip()), cell.source


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_has_fictional_scenario(name: str) -> None:
    text = markdown(name)
    countries = [country for country in PARTNER_COUNTRIES if country in text]

    assert "## Meet " in text
    assert "The people and organisations in this story are fictional." in text
    assert len(countries) >= 2, countries


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_module_ends_with_monday_summary(name: str) -> None:
    headings = re.findall(r"^## .*$", markdown(name), re.MULTILINE)

    assert headings[-1] == "## Summary: what to do differently on Monday"


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_committed_outputs_are_clean(name: str) -> None:
    for cell in cells_of(name, "code"):
        assert cell.outputs, cell.source
        for output in cell.outputs:
            assert output.output_type == "execute_result", cell.source
        text = nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))
        assert not MACHINE_TEXT.search(text), cell.source


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_committed_cells_executed_in_order(name: str) -> None:
    counts = [cell.execution_count for cell in cells_of(name, "code")]

    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_committed_notebook_has_no_run_metadata(name: str) -> None:
    committed = notebook(name)

    assert "widgets" not in committed.metadata
    assert all("execution" not in cell.metadata for cell in committed.cells)


def test_competences_listed_exactly() -> None:
    text = markdown("05_learning_and_recognition")
    listed = re.findall(r"^\d\. (.+)$", text.split("## The eight key competences")[1], re.MULTILINE)

    assert listed[:8] == KEY_COMPETENCES


@pytest.mark.parametrize("name", ["04_wellbeing_and_crisis", "05_learning_and_recognition",
                                  "07_good_practice_and_funding"])
def test_programme_rules_say_check(name: str) -> None:
    assert CHECK_GUIDE in markdown(name).lower()


def test_funding_module_follows_map() -> None:
    text = markdown("07_good_practice_and_funding")
    entries = yaml.safe_load((MODULES.parent / "docs" / "guide" / "funding_map.yaml").read_text(encoding="utf-8"))

    for entry in entries["entries"]:
        assert entry["name"] in text, entry["name"]
    assert "Vietnam, Thailand and the United States" in text
    assert "differs by action and call" in text


def test_funding_module_states_no_amounts() -> None:
    texts = [markdown("07_good_practice_and_funding"),
             (MODULES / "questions" / "07_good_practice_and_funding.yaml").read_text(encoding="utf-8")]

    for text in texts:
        assert not re.search(r"[€$£]|\bEUR\b|\bUSD\b|\d+ ?(euro|dollar)", text, re.IGNORECASE)


@pytest.mark.parametrize("name, question_id", [("03_mentoring_conversations", "pim_wants_to_leave"),
                                               ("04_wellbeing_and_crisis", "flood_night")])
def test_scenario_recommended_path_right(name: str, question_id: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMT_TRAINEE", "Nguyễn Thị Mai")
    store = Store(tmp_path / "store")
    training = Training(load_question_set(MODULES / "questions" / f"{name}.yaml"), store)
    exercise = training.exercise(question_id)
    assert isinstance(exercise, ScenarioExercise)

    # Click the first recommended choice at each step until a choice ends the scenario.
    current: str | None = exercise.question.start
    while current is not None:
        recommended = next(choice for choice in exercise.question.steps[current].choices if choice.recommended)
        exercise.choice_buttons[recommended.id].click()
        current = recommended.next

    [attempt] = store.attempts("Nguyễn Thị Mai", name)
    assert attempt.exercise_id == question_id
    assert attempt.correct is True
