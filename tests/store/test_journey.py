"""The journey rules at their edges: 2, 6 and 12-month placements, and an interrupted one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from omt.errors import ConfigError
from omt.store import Placement, Submission
from omt.store.journey import journey, load_rules, next_item, stage_on
from omt.tools.demo import add_months

START = dt.date(2027, 1, 10)


def placement(months: int, status: str = "on_site", interrupted_on: dt.date | None = None) -> Placement:
    return Placement("FR-VN-99", "V-99", "FR-LYON", "VN-HAN", "FR-LYON", "M-VN-HAN", "S-VN-HAN",
                     START, add_months(START, months), status, interrupted_on=interrupted_on)


def submission(form_id: str, day: dt.date, **answers: object) -> Submission:
    moment = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)
    return Submission(f"{day:%Y%m%d}{form_id[:4].encode().hex()}".ljust(32, "0")[:32], "FR-VN-99", form_id, 1,
                      "M-VN-HAN", "mentor", "en", dict(answers), moment)


def ids(items: list) -> set[str]:
    return {item.item_id for item in items}


@pytest.mark.parametrize("months, has_mid_term", [(2, False), (6, False), (7, True), (12, True)])
def test_mid_term_only_over_six_months(months: int, has_mid_term: bool) -> None:
    items = journey(placement(months), [], START)
    assert ("mid_term_review" in ids(items)) is has_mid_term


def test_first_meeting_due_seven_days_after_arrival() -> None:
    [first] = [i for i in journey(placement(6), [], START) if i.item_id == "first_mentor_meeting"]
    assert first.due == START + dt.timedelta(days=7)


@pytest.mark.parametrize("as_of, status", [
    (START - dt.timedelta(days=1), "upcoming"),   # eight days before the due day
    (START, "due"),                               # seven days before: the lead days begin
    (START + dt.timedelta(days=7), "due"),        # on the due day itself
    (START + dt.timedelta(days=8), "overdue"),    # the day after
])
def test_first_meeting_status_at_edges(as_of: dt.date, status: str) -> None:
    [first] = [i for i in journey(placement(6), [], as_of) if i.item_id == "first_mentor_meeting"]
    assert first.status == status


def test_item_upcoming_before_lead_days() -> None:
    [first] = [i for i in journey(placement(6), [], START - dt.timedelta(days=30)) if i.item_id == "first_mentor_meeting"]
    assert first.status == "upcoming"


def test_meeting_log_completes_first_meeting() -> None:
    done = [submission("meeting_log", START + dt.timedelta(days=5))]
    [first] = [i for i in journey(placement(6), done, START + dt.timedelta(days=30)) if i.item_id == "first_mentor_meeting"]
    assert first.status == "done"
    assert first.done_by == done[0].submission_id


def test_checkins_every_two_weeks_until_end() -> None:
    checkins = [i for i in journey(placement(2), [], START) if i.item_id == "checkin"]
    assert [c.due for c in checkins][:2] == [START + dt.timedelta(days=14), START + dt.timedelta(days=28)]
    assert all(c.due <= add_months(START, 2) for c in checkins)
    assert len(checkins) == 4  # days 14, 28, 42 and 56 of a 59-day placement


def test_late_checkin_leaves_its_window_overdue() -> None:
    late = [submission("volunteer_checkin", START + dt.timedelta(days=16))]
    checkins = [i for i in journey(placement(2), late, START + dt.timedelta(days=20)) if i.item_id == "checkin"]
    assert checkins[0].status == "overdue"
    assert checkins[1].status == "done"


def test_self_assessment_matches_phase() -> None:
    middle_only = [submission("competence_self_assessment", START + dt.timedelta(days=3), phase="middle")]
    items = {i.item_id: i for i in journey(placement(12), middle_only, START + dt.timedelta(days=20))}
    assert items["self_assessment_start"].status == "overdue"
    assert items["self_assessment_middle"].status == "done"


def test_interrupted_cancels_later_items() -> None:
    stopped = START + dt.timedelta(days=40)
    items = journey(placement(12, "interrupted", stopped), [], stopped + dt.timedelta(days=1))
    later = [i for i in items if i.due > stopped and i.item_id not in ("return_debrief",)]
    assert later
    assert all(i.status == "cancelled" for i in later)
    [debrief] = [i for i in items if i.item_id == "return_debrief"]
    assert debrief.due == stopped + dt.timedelta(days=14)
    assert debrief.status == "upcoming"
    assert stage_on(placement(12, "interrupted", stopped), stopped) == "interrupted"


def test_next_item_is_earliest_open() -> None:
    items = journey(placement(6), [], START - dt.timedelta(days=30))
    assert next_item(items).item_id == "pre_departure"


@pytest.mark.parametrize("months, day, stage", [
    (6, START - dt.timedelta(days=1), "preparation"),
    (6, START + dt.timedelta(days=10), "arrival_induction"),
    (6, START + dt.timedelta(days=60), "regular_support"),
    (12, START + dt.timedelta(days=182), "mid_term"),
    (6, START + dt.timedelta(days=90), "regular_support"),  # no mid-term at six months
    (12, add_months(START, 12) - dt.timedelta(days=5), "final_evaluation"),
    (12, add_months(START, 12) + dt.timedelta(days=1), "return_follow_up"),
])
def test_stage_on_by_dates(months: int, day: dt.date, stage: str) -> None:
    assert stage_on(placement(months), day) == stage


def test_rules_error_names_item_and_field(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("items:\n  - id: visit\n    stage: preparation\n    label: Visit\n"
                     "    responsible: nobody\n    form: x\n    due: {from: start, days: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'visit'.*responsible 'nobody'"):
        load_rules(rules)


def test_one_meeting_completes_one_item() -> None:
    only_meeting = [submission("meeting_log", START + dt.timedelta(days=12))]
    items = {(i.item_id, i.occurrence): i for i in journey(placement(6), only_meeting, START + dt.timedelta(days=30))}
    assert items[("first_mentor_meeting", 1)].status == "done"
    assert items[("mentor_meeting", 1)].status == "overdue"


def test_item_labels_in_every_language() -> None:
    [first] = [i for i in journey(placement(6), [], START) if i.item_id == "first_mentor_meeting"]
    assert first.label == "First mentor meeting"
    assert first.label_in("fr") == "Première rencontre avec le mentor"
    assert first.label_in("th") == "การพบพี่เลี้ยงครั้งแรก"
    for rule in load_rules().items:
        assert {language for language, _text in rule.label_translations} == {"fr", "it", "vi", "th"}, rule.item_id


def test_plain_label_falls_back_to_english(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("items:\n  - id: visit\n    stage: preparation\n    label: Visit\n"
                     "    responsible: mentor\n    form: x\n    due: {from: start, days: 1}\n", encoding="utf-8")
    [item] = journey(placement(6), [], START, load_rules(rules))
    assert item.label_in("vi") == "Visit"


@pytest.mark.parametrize("label", ["{fr: Visite}", "{en: Visit, vn: Thăm}", "{en: Visit, fr: ''}", "[Visit]"])
def test_label_mapping_checked(tmp_path: Path, label: str) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"items:\n  - id: visit\n    stage: preparation\n    label: {label}\n"
                     "    responsible: mentor\n    form: x\n    due: {from: start, days: 1}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'visit'.*label"):
        load_rules(rules)
