"""Module 01, "Actors and roles in a placement": the committed notebook and a run of it in a kernel."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from omt.store import Store
from omt.widgets.exercises import load_question_set

MODULES = Path(__file__).parents[2] / "modules"
NOTEBOOK = MODULES / "01_actors_and_roles.ipynb"
QUESTIONS = MODULES / "questions" / "01_actors_and_roles.yaml"
MACHINE_TEXT = re.compile(r"/work/|/tmp/|/root/|/home/|0x[0-9a-f]{6,}|Traceback")


def committed() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def run(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Execute `notebook` in a fresh kernel started in the modules folder, as Jupyter would."""
    client = NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(MODULES)}})
    return client.execute()


def test_committed_cells_executed_in_order() -> None:
    counts = [cell.execution_count for cell in code_cells(committed())]

    assert counts == list(range(1, len(counts) + 1))


def test_committed_outputs_are_clean() -> None:
    for cell in code_cells(committed()):
        for output in cell.outputs:
            assert output.output_type == "execute_result", cell.source
            assert not MACHINE_TEXT.search(nbformat.writes(nbformat.v4.new_notebook(cells=[cell]))), cell.source


def test_committed_notebook_has_no_run_metadata() -> None:
    notebook = committed()

    assert "widgets" not in notebook.metadata
    assert all("execution" not in cell.metadata for cell in notebook.cells)


def test_every_question_used_once() -> None:
    source = "\n".join(cell.source for cell in code_cells(committed()))
    used = re.findall(r'training\.exercise\("([a-z0-9_]+)"\)', source)

    assert sorted(used) == sorted(load_question_set(QUESTIONS).questions)
    assert len(used) == len(set(used))


def test_run_saves_and_restores_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMT_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("OMT_TRAINEE", "Trần Thu Hà")
    first = committed()
    first.cells.append(nbformat.v4.new_code_cell(
        'training.exercises["first_contact"].radio.value = "mentor"\n'
        'training.exercises["first_contact"].check_button.click()\n'
        'for row in training.exercises["who_does_what"].dropdowns.values():\n'
        '    row.value = "sending"\n'
        'training.exercises["who_does_what"].check_button.click()'))
    run(first)

    attempts = Store(tmp_path / "store").attempts("Trần Thu Hà", "01_actors_and_roles")
    assert [(a.exercise_id, a.correct) for a in attempts] == [("first_contact", True), ("who_does_what", False)]

    second = committed()
    second.cells.append(nbformat.v4.new_code_cell(
        'print(training.exercises["first_contact"].radio.value)\n'
        'print("Right." in training.exercises["first_contact"].feedback.value)\n'
        'print(training.exercises["mentor_role"].answer())'))
    [output] = run(second).cells[-1].outputs
    assert output.text.split() == ["mentor", "True", "None"]
