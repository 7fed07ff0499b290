"""Modules 02 and 06: the committed notebooks, and a run that saves answers and shows them again."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from omt.store import Attempt, Store
from omt.widgets.exercises import load_question_set

MODULES = Path(__file__).parents[2] / "modules"
NOTEBOOKS = ["02_placement_journey", "06_coordinating_with_the_omt"]
MACHINE_TEXT = re.compile(r"/work/|/tmp/|/root/|/home/|0x[0-9a-f]{6,}|Traceback")


def committed(module: str) -> nbformat.NotebookNode:
    return nbformat.read(MODULES / f"{module}.ipynb", as_version=4)


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def run(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(MODULES)}})
    return client.execute()


@pytest.mark.parametrize("module", [*NOTEBOOKS, "trainer_view"])
def test_committed_outputs_clean_and_ordered(module: str) -> None:
    notebook = committed(module)
    cells = code_cells(notebook)

    assert [cell.execution_count for cell in cells] == list(range(1, len(cells) + 1))
    assert "widgets" not in notebook.metadata
    for cell in cells:
        assert not any(output.output_type == "error" for output in cell.outputs), cell.source
        assert not MACHINE_TEXT.search(nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))), cell.source


@pytest.mark.parametrize("module", NOTEBOOKS)
def test_module_structure(module: str) -> None:
    notebook = committed(module)
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    used = re.findall(r'training\.exercise\("([a-z0-9_]+)"\)', "\n".join(c.source for c in code_cells(notebook)))

    assert "## What you will be able to do" in markdown
    assert "what to do differently on Monday" in markdown
    assert sorted(used) == sorted(load_question_set(MODULES / "questions" / f"{module}.yaml").questions)
    assert len(used) >= 4


def test_journey_run_saves_and_restores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("OMT_TRAINEE", "Nguyễn Văn An")
    first = committed("02_placement_journey")
    first.cells.append(nbformat.v4.new_code_cell(
        'scenario = training.exercises["quiet_weekends"]\n'
        'for choice in ("call_now", "plan_together", "tell_anan_matteo"):\n'
        '    scenario.choice_buttons[choice].click()\n'
        'ratings = training.exercises["journey_confidence"]\n'
        'for buttons in ratings.ratings.values():\n'
        '    buttons.value = 3\n'
        'ratings.check_button.click()'))
    run(first)

    attempts = Store(tmp_path / "store").attempts("Nguyễn Văn An", "02_placement_journey")
    assert [(a.exercise_id, a.correct) for a in attempts] == [("quiet_weekends", True),
                                                               ("journey_confidence", None)]

    second = committed("02_placement_journey")
    second.cells.append(nbformat.v4.new_code_cell(
        'print(len(training.exercises["quiet_weekends"].path))\n'
        'print(training.exercises["journey_confidence"].ratings["arrival"].value)'))
    [output] = run(second).cells[-1].outputs
    assert output.text.split() == ["3", "3"]


def test_coordination_sandbox_leaves_store_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("OMT_TRAINEE", "Nguyễn Văn An")

    run(committed("06_coordinating_with_the_omt"))

    store = Store(tmp_path / "store")
    assert not store.exists() or store.placements() == []
    assert store.attempts() == []


def test_trainer_view_reads_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMT_STORE", str(tmp_path / "store"))
    store = Store(tmp_path / "store")
    store.record_attempt(Attempt("Somchai Srisuk", "01_actors_and_roles", "next_step", "insurer", False))

    cells = code_cells(run(committed("trainer_view")))

    assert cells[1].outputs[0].text == "Answers: 1; trainees: 1.\n"
    completion_table = cells[2].outputs[0].data["text/plain"]
    assert "Somchai Srisuk" in completion_table
    assert "1 of 4 (25 %)" in completion_table
    assert "The insurer or the embassy" in cells[3].outputs[0].data["text/plain"]
