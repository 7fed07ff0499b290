"""Drafts and activities outside placements, through `Store`, and how check and backups see them."""

from __future__ import annotations

import datetime as dt

import pytest

from omt.errors import NotFoundError, ValidationError
from omt.store import DraftKey, Store
from omt.store.backups import take_backup
from omt.store.check import check_store
from omt.store.layout import data_files
from omt.widgets.forms import drafts

KEY = DraftKey("FR-VN-01", "volunteer_checkin", "V-01")
VISIT = {"part": "plan", "host_organisation_id": "IT-BOL", "visit_start": dt.date(2027, 3, 1),
         "visit_end": dt.date(2027, 3, 5), "learning_objectives": "See how Bologna runs its youth council."}


def test_draft_saved_read_cleared(demo_store: Store) -> None:
    demo_store.save_draft(KEY, {"went_well": "4x", "wellbeing": None})
    draft = demo_store.draft(KEY)
    assert draft is not None
    assert draft.values == {"went_well": "4x", "wellbeing": None}
    assert demo_store.draft(DraftKey("FR-VN-01", "volunteer_checkin", "M-VN-HAN")) is None

    demo_store.clear_draft(KEY)
    assert demo_store.draft(KEY) is None


def test_draft_replaced_not_duplicated(demo_store: Store) -> None:
    demo_store.save_draft(KEY, {"went_well": "first"})
    demo_store.save_draft(KEY, {"went_well": "second"})
    assert demo_store.draft(KEY).values == {"went_well": "second"}
    assert len(demo_store._read("drafts/FR-VN-01.json", "drafts")) == 1


def test_form_drafts_module_calls_store(demo_store: Store) -> None:
    drafts.save_draft(demo_store, KEY, {"went_well": "kept"})
    assert drafts.load_draft(demo_store, KEY).values == {"went_well": "kept"}
    drafts.clear_draft(demo_store, KEY)
    assert drafts.load_draft(demo_store, KEY) is None


def test_draft_rejects_bad_placement_id(demo_store: Store) -> None:
    with pytest.raises(ValidationError):
        demo_store.save_draft(DraftKey("../registry", "f", "V-01"), {})


def test_activity_stored_per_person(demo_store: Store) -> None:
    saved = demo_store.submit_activity("C-FR-LYON", "job_shadowing", VISIT, language="fr")
    again = demo_store.submit_activity("C-FR-LYON", "job_shadowing", VISIT, activity_id=saved.activity_id)

    assert again == saved
    assert (demo_store.root / "activities" / "C-FR-LYON.json").is_file()
    assert demo_store.activities("C-FR-LYON") == [saved]
    assert demo_store.activities("C-FR-LYON")[0].answers["visit_start"] == dt.date(2027, 3, 1)
    assert demo_store.activities("V-01") == []


def test_activity_revision_keeps_first(demo_store: Store) -> None:
    saved = demo_store.submit_activity("C-FR-LYON", "job_shadowing", VISIT)
    revised = demo_store.revise_activity("C-FR-LYON", saved.activity_id, {**VISIT, "part": "reflection"})

    assert revised.revision == 2
    assert demo_store.activities("C-FR-LYON") == [revised]
    assert len(demo_store._read("activities/C-FR-LYON.json", "activities")) == 2


def test_activity_unknown_person_rejected(demo_store: Store) -> None:
    with pytest.raises(NotFoundError):
        demo_store.submit_activity("NOBODY-1", "job_shadowing", VISIT)
    with pytest.raises(ValidationError):
        demo_store.submit_activity("../x", "job_shadowing", VISIT)
    assert not (demo_store.root / "activities").exists()


def test_check_and_backup_include_both(demo_store: Store) -> None:
    demo_store.save_draft(KEY, {"went_well": "x"})
    demo_store.submit_activity("C-FR-LYON", "job_shadowing", VISIT)

    report = check_store(demo_store.root)
    assert report.ok, report.problems
    backup = take_backup(demo_store)
    assert "drafts/FR-VN-01.json" in data_files(backup)
    assert "activities/C-FR-LYON.json" in data_files(backup)


def test_check_finds_bad_draft_and_activity(demo_store: Store) -> None:
    (demo_store.root / "drafts").mkdir()
    (demo_store.root / "drafts" / "FR-VN-01.json").write_text('{"drafts": {"1": {"form_id": 3}}}', encoding="utf-8")
    (demo_store.root / "activities").mkdir()
    (demo_store.root / "activities" / "NOBODY-1.json").write_text('{"activities": {}}', encoding="utf-8")

    problems = [str(problem) for problem in check_store(demo_store.root).problems]
    assert any(problem.startswith("drafts/FR-VN-01.json: document 1") for problem in problems)
    assert any(problem.startswith("activities/NOBODY-1.json: person 'NOBODY-1'") for problem in problems)
