"""Drafts and activities outside placements, through `Store`, and how check, backups, restores,
exports and erasures see them."""

from __future__ import annotations

import datetime as dt

import pytest

from omt.errors import NotFoundError, ValidationError
from omt.store import DraftKey, Store
from omt.store.backups import restore_backup, take_backup
from omt.store.check import check_store
from omt.store.layout import data_files
from omt.store.people import erase_person, export_person
from omt.widgets.forms import drafts

KEY = DraftKey("FR-VN-01", "volunteer_checkin", "V-01")
# Drafts of pages that belong to no placement, kept in each author's own file.
REGISTRATION = DraftKey(None, "placement_registration", "C-FR-LYON")
SHADOWING = DraftKey(None, "job_shadowing", "C-IT-BOL")
REGISTRATION_TEXT = "Radio des jeunes à Bologne, avec Chloé"
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


# -- drafts of pages outside placements ----------------------------------------------------------


def test_person_draft_saved_read_cleared(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"placement_id": "fr-it", "activity": REGISTRATION_TEXT})

    draft = demo_store.draft(REGISTRATION)
    assert draft is not None
    assert draft.values == {"placement_id": "fr-it", "activity": REGISTRATION_TEXT}
    assert "person_drafts/C-FR-LYON.json" in data_files(demo_store.root)
    assert not (demo_store.root / "drafts").exists()

    demo_store.clear_draft(REGISTRATION)
    assert demo_store.draft(REGISTRATION) is None


def test_person_draft_replaced_not_duplicated(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"activity": "first"})
    demo_store.save_draft(REGISTRATION, {"activity": "second"})
    assert demo_store.draft(REGISTRATION).values == {"activity": "second"}
    assert len(demo_store._read("person_drafts/C-FR-LYON.json", "drafts")) == 1


def test_person_drafts_kept_apart(demo_store: Store) -> None:
    demo_store.save_draft(DraftKey(None, "job_shadowing", "C-FR-LYON"), {"learning_objectives": "Lyon's plan"})
    demo_store.save_draft(SHADOWING, {"learning_objectives": "Bologna's plan"})

    assert demo_store.draft(DraftKey(None, "job_shadowing", "C-FR-LYON")).values == {
        "learning_objectives": "Lyon's plan"}
    assert demo_store.draft(SHADOWING).values == {"learning_objectives": "Bologna's plan"}
    assert demo_store.draft(DraftKey(None, "job_shadowing", "C-VN-HAN")) is None
    demo_store.clear_draft(SHADOWING)
    assert demo_store.draft(DraftKey(None, "job_shadowing", "C-FR-LYON")) is not None


def test_person_draft_apart_from_placement_draft(demo_store: Store) -> None:
    with_placement = DraftKey("FR-VN-01", "job_shadowing", "C-FR-LYON")
    demo_store.save_draft(with_placement, {"part": "plan"})
    demo_store.save_draft(DraftKey(None, "job_shadowing", "C-FR-LYON"), {"part": "reflection"})

    assert demo_store.draft(with_placement).values == {"part": "plan"}
    assert demo_store.draft(DraftKey(None, "job_shadowing", "C-FR-LYON")).values == {"part": "reflection"}


def test_person_draft_unknown_author_rejected(demo_store: Store) -> None:
    with pytest.raises(NotFoundError):
        demo_store.save_draft(DraftKey(None, "job_shadowing", "NOBODY-1"), {"part": "plan"})
    with pytest.raises(ValidationError):
        demo_store.save_draft(DraftKey(None, "job_shadowing", "../registry"), {"part": "plan"})
    assert not (demo_store.root / "person_drafts").exists()


def test_person_draft_backed_up_and_restored(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"activity": REGISTRATION_TEXT})
    backup = take_backup(demo_store)
    assert "person_drafts/C-FR-LYON.json" in data_files(backup)

    demo_store.clear_draft(REGISTRATION)
    restore_backup(demo_store)
    assert demo_store.draft(REGISTRATION).values == {"activity": REGISTRATION_TEXT}


def test_check_accepts_person_drafts(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"activity": REGISTRATION_TEXT})
    demo_store.save_draft(SHADOWING, {"part": "plan"})

    report = check_store(demo_store.root)
    assert report.ok, report.problems
    assert report.documents_checked >= 2


def test_check_finds_bad_person_drafts(demo_store: Store) -> None:
    folder = demo_store.root / "person_drafts"
    folder.mkdir()
    draft = '{"form_id": "job_shadowing", "author_id": "%s", "saved_at": "2027-03-01T10:00:00+00:00", "values": {}}'
    (folder / "NOBODY-1.json").write_text('{"drafts": {}}', encoding="utf-8")
    (folder / "C-IT-BOL.json").write_text('{"drafts": {"1": %s}}' % (draft % "C-FR-LYON"), encoding="utf-8")
    (folder / "C-VN-HAN.json").write_text('{"drafts": {"1": {"form_id": "job_shadowing"}}}', encoding="utf-8")

    problems = [str(problem) for problem in check_store(demo_store.root).problems]
    assert "person_drafts/NOBODY-1.json: person 'NOBODY-1' is not in registry.json" in problems
    assert "person_drafts/C-IT-BOL.json: document 1 is a draft of 'C-FR-LYON', not 'C-IT-BOL'" in problems
    assert any(problem.startswith("person_drafts/C-VN-HAN.json: document 1 of table 'drafts' needs text fields")
               for problem in problems)
    assert len(problems) == 3


def test_export_includes_person_drafts(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"activity": REGISTRATION_TEXT})
    demo_store.save_draft(DraftKey("FR-VN-01", "pre_departure_checklist", "C-FR-LYON"), {"open_points": "visa"})
    demo_store.save_draft(SHADOWING, {"part": "plan"})

    exported = export_person(demo_store, "C-FR-LYON")["drafts"]
    assert [(d["placement_id"], d["form_id"]) for d in exported] == [
        ("FR-VN-01", "pre_departure_checklist"), (None, "placement_registration")]
    [registration] = [d for d in exported if d["placement_id"] is None]
    assert registration["values"] == {"activity": REGISTRATION_TEXT}
    assert registration["author_id"] == "C-FR-LYON"


def test_erase_deletes_person_drafts(demo_store: Store) -> None:
    demo_store.save_draft(REGISTRATION, {"activity": REGISTRATION_TEXT})
    demo_store.save_draft(DraftKey(None, "job_shadowing", "C-FR-LYON"), {"part": "plan"})
    demo_store.save_draft(SHADOWING, {"part": "plan"})

    report = erase_person(demo_store, "C-FR-LYON")

    assert report.changes["person_drafts/C-FR-LYON.json"] == {"draft deleted": 2}
    assert "person_drafts/C-IT-BOL.json" not in report.changes
    assert demo_store.draft(REGISTRATION) is None
    assert demo_store.draft(DraftKey(None, "job_shadowing", "C-FR-LYON")) is None
    assert demo_store.draft(SHADOWING) is not None
    raw = (demo_store.root / "person_drafts" / "C-FR-LYON.json").read_bytes()
    assert REGISTRATION_TEXT.encode("utf-8") not in raw
    assert check_store(demo_store.root).ok
