"""The store's records, validation messages and round trips."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from omt.errors import NotFoundError, ValidationError
from omt.store import Placement, Store


def test_demo_has_twelve_placements(demo_store: Store) -> None:
    placements = demo_store.placements()
    assert len(placements) == 12
    assert {p.status for p in placements} == {"planned", "on_site", "returned", "interrupted"}


def test_end_before_start_names_both_dates(demo_store: Store) -> None:
    placement = demo_store.placement("FR-VN-01")
    wrong = Placement(**{**placement.__dict__, "end_date": dt.date(2026, 1, 1), "start_date": dt.date(2026, 3, 1)})
    with pytest.raises(ValidationError) as raised:
        demo_store.save_placement(wrong)
    assert "2026-01-01" in raised.value.problems["end_date"]
    assert "2026-03-01" in raised.value.problems["end_date"]


def test_answers_round_trip_dates_sets_decimals(demo_store: Store) -> None:
    answers = {"day": dt.date(2026, 11, 30), "tags": {"b", "a"}, "amount": Decimal("12.50"), "text": "Đức ไทย"}
    saved = demo_store.submit("FR-VN-01", "test_form", answers, author_id="M-VN-HAN", role="mentor")
    [reread] = [s for s in demo_store.submissions("FR-VN-01") if s.submission_id == saved.submission_id]
    assert reread.answers["day"] == dt.date(2026, 11, 30)
    assert reread.answers["tags"] == ["a", "b"]
    assert reread.answers["amount"] == "12.50"
    assert reread.answers["text"] == "Đức ไทย"


def test_unstorable_answer_writes_nothing(demo_store: Store) -> None:
    before = (demo_store.root / "placements" / "FR-VN-01.json").read_bytes()
    with pytest.raises(ValidationError) as raised:
        demo_store.submit("FR-VN-01", "test_form", {"bad": object()}, author_id="M-VN-HAN", role="mentor")
    assert "answers.bad" in str(raised.value)
    assert (demo_store.root / "placements" / "FR-VN-01.json").read_bytes() == before


def test_same_submission_id_stored_once(demo_store: Store) -> None:
    first = demo_store.submit("FR-VN-01", "test_form", {"x": 1}, author_id="M-VN-HAN", role="mentor",
                              submission_id="a" * 32)
    again = demo_store.submit("FR-VN-01", "test_form", {"x": 2}, author_id="M-VN-HAN", role="mentor",
                              submission_id="a" * 32)
    assert again.answers == first.answers
    assert len([s for s in demo_store.submissions("FR-VN-01") if s.submission_id == "a" * 32]) == 1


def test_revision_keeps_history(demo_store: Store) -> None:
    first = demo_store.submit("FR-VN-01", "test_form", {"x": 1}, author_id="M-VN-HAN", role="mentor")
    demo_store.revise("FR-VN-01", first.submission_id, {"x": 2}, edited_by="C-FR-LYON")
    [current] = [s for s in demo_store.submissions("FR-VN-01") if s.submission_id == first.submission_id]
    history = demo_store.history("FR-VN-01", first.submission_id)
    assert current.answers == {"x": 2}
    assert current.edited_by == "C-FR-LYON"
    assert [revision.answers["x"] for revision in history] == [1, 2]


@pytest.mark.parametrize("placement_id", ["../etc", "fr-vn-01", "A/B", "", "X" * 41])
def test_unsafe_placement_id_rejected(demo_store: Store, placement_id: str) -> None:
    with pytest.raises(ValidationError):
        demo_store.submissions(placement_id)


def test_unknown_placement_names_command(demo_store: Store) -> None:
    with pytest.raises(NotFoundError, match="omt placements list"):
        demo_store.placement("XX-YY-99")


def test_trainee_name_remembered(demo_store: Store) -> None:
    assert demo_store.trainee_name("ana@laptop") is None
    demo_store.save_trainee_name("ana@laptop", "  Ana Souza ")
    assert demo_store.trainee_name("ana@laptop") == "Ana Souza"
