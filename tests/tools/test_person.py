"""`omt person export|erase`, run through the command line's `main` on a copy of the demo store."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from omt.store import Attempt, DraftKey, Store
from omt.store.backups import take_backup
from omt.store.check import check_store
from omt.store.surveys import SurveyResponse, save_response
from omt.tools.cli import main

PERSON = "V-01"
NAME = "Léa Dubois-Mercier"
EMAIL = "lea.dubois@example.org"
PHONE = "+33 6 12 34 56 78"
CHECKIN_TEXT = "Ma tutrice m'a aidée à trouver un médecin"
SURVEY_TEXT = "Nobody explained who my task supervisor was"
DRAFT_TEXT = "Half-written worries about the visa"
ATTEMPT_TEXT = "I would ask the volunteer how she feels first"
REVISED_TEXT = "Revised: the doctor was very kind"


@pytest.fixture
def store(demo_store: Store) -> Store:
    """Return the demo store with V-01's contacts, and data about V-01 in every kind of file."""
    person = demo_store.person(PERSON)
    demo_store.save_person(dataclasses.replace(person, email=EMAIL, phone=PHONE))
    first = demo_store.submit("FR-VN-01", "volunteer_checkin", {"wellbeing": 4, "went_well": CHECKIN_TEXT},
                              author_id=PERSON, role="volunteer")
    demo_store.revise("FR-VN-01", first.submission_id, {"wellbeing": 5, "went_well": REVISED_TEXT},
                      edited_by=PERSON)
    save_response(demo_store, SurveyResponse(
        survey_id="needs_survey", wave="start", role="volunteer", country="FR", anonymous=False,
        answers={"problems_preparation": ["unclear_roles"], "other_problems": SURVEY_TEXT},
        respondent_id=PERSON, respondent_name=NAME))
    demo_store.record_attempt(Attempt(NAME, "module_1", "reflection_1", ATTEMPT_TEXT, None))
    demo_store.save_trainee_name("lea-laptop", NAME)
    demo_store.save_draft(DraftKey("FR-VN-01", "volunteer_checkin", PERSON), {"went_well": DRAFT_TEXT})
    return demo_store


def omt(store: Store, *args: str) -> int:
    return main(["--store", str(store.root), "person", *args])


def files_containing(root: Path, *values: str) -> dict[str, list[str]]:
    """Return each file under `root` whose raw bytes contain one of `values`, with the values found."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            hits = [value for value in values if value.encode("utf-8") in raw]
            if hits:
                found[str(path.relative_to(root))] = hits
    return found


IDENTIFYING = (NAME, EMAIL, PHONE, CHECKIN_TEXT, REVISED_TEXT, SURVEY_TEXT, DRAFT_TEXT, ATTEMPT_TEXT,
               "Dubois-Mercier")


def test_export_lists_everything(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "v01.json"
    assert omt(store, "export", PERSON, "--out", str(out)) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))

    assert exported["person"]["email"] == EMAIL
    assert [entry["roles"] for entry in exported["placements"]] == [["volunteer"]]
    written = [d for d in exported["submissions_written"] if d["form_id"] == "volunteer_checkin"]
    assert {d["answers"]["went_well"] for d in written} >= {CHECKIN_TEXT, REVISED_TEXT}
    assert {d["form_id"] for d in exported["submissions_about_their_placements"]} >= {"meeting_log"}
    assert exported["survey_responses"][0]["answers"]["other_problems"] == SURVEY_TEXT
    assert exported["training_attempts"][0]["answer"] == ATTEMPT_TEXT
    assert exported["trainee_profiles"][0]["profile"] == "lea-laptop"
    assert exported["drafts"][0]["values"] == {"went_well": DRAFT_TEXT}


def test_export_to_stdout(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(store, "export", PERSON) == 0
    assert json.loads(capsys.readouterr().out)["person"]["name"] == NAME


def test_unknown_person_rejected(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert omt(store, "export", "NOBODY-9") == 2
    assert "person 'NOBODY-9' not found" in capsys.readouterr().err


def test_erase_without_yes_changes_nothing(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    before = {path: path.read_bytes() for path in store.root.rglob("*.json")}

    assert omt(store, "erase", PERSON) == 1
    output = capsys.readouterr().out
    assert "would erase person V-01" in output
    assert "drafts/FR-VN-01.json: draft deleted: 1" in output
    assert "registry.json: person record erased: 1" in output
    assert "nothing was changed; run the command again with --yes" in output
    assert {path: path.read_bytes() for path in store.root.rglob("*.json")} == before


def test_erase_leaves_nothing_identifying(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    counts_before = {p.placement_id: len(store.submissions(p.placement_id)) for p in store.placements()}
    backup = take_backup(store)

    assert omt(store, "erase", PERSON, "--yes") == 0
    output = capsys.readouterr().out

    assert files_containing(store.root, *IDENTIFYING) == {}
    assert "placements/FR-VN-01.json: answer erased:" in output
    assert "drafts/FR-VN-01.json: draft deleted: 1" in output
    assert "surveys.json: answer erased: 1, survey response erased: 1" in output
    assert "1 copy of the store still contain this person's data" in output
    assert str(backup) in output
    assert files_containing(backup, NAME, EMAIL, PHONE)
    assert check_store(store.root).ok
    assert {p.placement_id: len(store.submissions(p.placement_id)) for p in store.placements()} == counts_before
    assert store.person(PERSON).name == "erased person"


def test_erase_keeps_dates_scores_choices(store: Store) -> None:
    assert omt(store, "erase", PERSON, "--yes") == 0
    checkins = store.submissions("FR-VN-01", "volunteer_checkin")
    assert checkins[-1].answers == {"wellbeing": 5, "went_well": "[erased]"}
    meeting = store.submissions("FR-VN-01", "meeting_log")[0].answers
    assert meeting["notes"] == "[erased]"
    assert meeting["topics"] == ["tasks", "wellbeing"]
    response = json.loads((store.root / "surveys.json").read_text(encoding="utf-8"))["responses"]["1"]
    assert response["respondent_id"] is None
    assert response["answers"]["problems_preparation"] == ["unclear_roles"]


def test_erase_include_backups(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    backup = take_backup(store)

    assert omt(store, "erase", PERSON, "--yes", "--include-backups") == 0
    output = capsys.readouterr().out

    assert f"erased in {backup}" in output
    assert files_containing(store.root.parent, *IDENTIFYING) == {}
    assert not (backup / ".lock").exists()
    assert check_store(backup).ok


def test_erase_after_erase_reports_backups(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    backup = take_backup(store)
    assert omt(store, "erase", PERSON, "--yes") == 0
    capsys.readouterr()

    assert omt(store, "erase", PERSON, "--yes", "--include-backups") == 0
    output = capsys.readouterr().out
    assert f"erased in {backup}" in output
    assert files_containing(store.root.parent, NAME, EMAIL, PHONE) == {}


def test_erase_activity_free_text(store: Store) -> None:
    store.submit_activity("C-FR-LYON", "job_shadowing", {"part": "plan", "learning_objectives": "Meet Hélène's peers"})
    assert omt(store, "erase", "C-FR-LYON", "--yes") == 0
    assert store.activities("C-FR-LYON")[0].answers == {"part": "plan", "learning_objectives": "[erased]"}
    assert files_containing(store.root, "Hélène Perrin", "Meet Hélène's peers") == {}
