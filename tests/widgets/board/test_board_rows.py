"""The board's rows, filters, charts and timeline, computed from the demo store as seen on its day."""

from __future__ import annotations

import datetime as dt

import pytest

from omt.store import Store
from omt.widgets.board import board_rows, filter_rows, placement_timeline, visible_placements
from omt.widgets.board.app import BoardView
from omt.widgets.board.charts import sparkline, stage_chart
from omt.widgets.board.rows import BoardRow, wellbeing_trend

# The day the session's demo store is built for, as in tests/conftest.py.
DEMO_DAY = dt.date(2026, 12, 4)


@pytest.fixture
def rows(demo_store: Store) -> dict[str, BoardRow]:
    return {row.placement_id: row for row in board_rows(demo_store, visible_placements(demo_store), DEMO_DAY)}


def test_coordinator_sees_every_placement(demo_store: Store) -> None:
    placements = visible_placements(demo_store, viewer=None)
    assert [p.placement_id for p in placements] == sorted(p.placement_id for p in demo_store.placements())
    assert len(placements) == 12


def test_row_of_new_arrival(rows: dict[str, BoardRow]) -> None:
    row = rows["VN-IT-04"]
    assert row.volunteer == "Nguyễn Thị Hồng Nhung"
    assert row.stage == "arrival_induction"
    assert row.countries == ("VN", "IT")
    # The demo leaves out the newest arrival's arrival checklist.
    assert "arrival_induction" in [item.item_id for item in row.overdue]


def test_next_item_names_its_owner(rows: dict[str, BoardRow], demo_store: Store) -> None:
    row = rows["FR-VN-01"]
    assert row.next_item is not None
    assert row.next_item.status in ("overdue", "due", "upcoming")
    placement = demo_store.placement("FR-VN-01")
    owners = {"mentor": demo_store.person(placement.mentor_id).name,
              "volunteer": demo_store.person(placement.volunteer_id).name,
              "hosting": demo_store.organisation(placement.hosting_organisation_id).name}
    assert row.next_owner == owners[row.next_item.responsible]


def test_open_incident_listed(rows: dict[str, BoardRow]) -> None:
    assert [s.answers["category"] for s in rows["TH-US-05"].open_incidents] == ["health"]
    assert all(not row.open_incidents for pid, row in rows.items() if pid != "TH-US-05")


def test_closed_incident_not_listed(demo_store: Store) -> None:
    incident = demo_store.submissions("TH-US-05", "incident_report")[0]
    demo_store.revise("TH-US-05", incident.submission_id, {**incident.answers, "status": "closed"},
                      edited_by="M-US-PDX")
    row = board_rows(demo_store, [demo_store.placement("TH-US-05")], DEMO_DAY)[0]
    assert row.open_incidents == ()


def test_last_contact_is_latest_meeting(rows: dict[str, BoardRow], demo_store: Store) -> None:
    meetings = demo_store.submissions("IT-FR-03", "meeting_log")
    assert rows["IT-FR-03"].last_contact == max(m.answers["meeting_date"] for m in meetings)
    assert rows["FR-TH-02"].last_contact is None


def test_wellbeing_trend_keeps_latest_six(demo_store: Store, rows: dict[str, BoardRow]) -> None:
    checkins = demo_store.submissions("IT-FR-03", "volunteer_checkin")
    assert len(checkins) > 6
    assert rows["IT-FR-03"].wellbeing == tuple(c.answers["wellbeing"] for c in checkins[-6:])
    assert rows["FR-TH-02"].wellbeing == ()


def test_wellbeing_trend_skips_invalid_scores(demo_store: Store) -> None:
    checkins = demo_store.submissions("FR-VN-01", "volunteer_checkin")
    broken = [type(c)(**{**c.__dict__, "answers": {"wellbeing": value}}) for c, value in zip(checkins, ("4", 9, None))]
    assert wellbeing_trend(broken) == ()


def test_interrupted_placement_low_wellbeing(rows: dict[str, BoardRow]) -> None:
    row = rows["VN-FR-07"]
    assert row.stage == "interrupted"
    assert row.wellbeing[-1] == 2
    assert "omt-low" in sparkline(row.wellbeing)


@pytest.mark.parametrize(("filters", "expected"), [
    ({}, 12),
    ({"country": "VN"}, 4),
    ({"organisation_id": "IT-BOL"}, 5),
    ({"status": "planned"}, 2),
    ({"organisation_id": "IT-BOL", "status": "on_site"}, 5),
    ({"country": "US", "status": "returned"}, 1),
    ({"country": "FR", "organisation_id": "TH-CNX", "status": "interrupted"}, 0),
])
def test_filters_combine(rows: dict[str, BoardRow], filters: dict[str, str], expected: int) -> None:
    shown = filter_rows(list(rows.values()), **filters)
    assert len(shown) == expected
    for row in shown:
        assert filters.get("country") in (None, *row.countries)
        assert filters.get("organisation_id") in (None, *row.organisation_ids)
        assert filters.get("status") in (None, row.status)


def test_stage_chart_counts_each_stage(rows: dict[str, BoardRow]) -> None:
    html = stage_chart(list(rows.values()))
    assert html.count('class="omt-bar ') == len({row.stage for row in rows.values()})
    assert 'omt-stage-preparation' in html
    assert stage_chart([]).count('class="omt-bar ') == 0


def test_timeline_lists_every_submission(demo_store: Store) -> None:
    entries = placement_timeline(demo_store, "TH-US-05")
    submissions = demo_store.submissions("TH-US-05")
    assert [e.submission_id for e in entries] == [s.submission_id for s in submissions]
    assert [e.day for e in entries] == sorted(e.day for e in entries)
    incident = next(e for e in entries if "incident" in e.form_title.lower())
    assert "Status: Open" in incident.summary
    assert next(e for e in entries if e.form_title == "Mentor meeting log").author == "Dana Whitfield"


def test_timeline_cuts_long_summary(demo_store: Store) -> None:
    demo_store.submit("FR-VN-01", "meeting_log",
                      {"meeting_date": dt.date(2026, 12, 1), "duration_minutes": 30, "topics": ["tasks"],
                       "notes": "ไทย " * 200, "actions": ""},
                      author_id="M-VN-HAN", role="mentor")
    entry = placement_timeline(demo_store, "FR-VN-01")[-1]
    notes = next(part for part in entry.summary.split("; ") if part.startswith("Notes: "))
    assert len(notes) == len("Notes: ") + 80
    assert notes.endswith("…")
    assert "Topics discussed: Tasks and daily work" in entry.summary


def test_board_view_filters_and_timeline(demo_store: Store) -> None:
    board = BoardView(demo_store, None, DEMO_DAY)
    assert len(board.card_box.children) == 12
    board.country.value = "TH"
    assert "4 of 12" in board.count.value
    assert len(board.card_box.children) == 4
    board.country.value = "any"
    card = board.cards["TH-US-05"]
    card.button.click()
    assert "Status: Open" in card.timeline.value
    assert card.button.description == "Hide timeline"
    card.button.click()
    assert card.timeline.value == ""
