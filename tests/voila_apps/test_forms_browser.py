"""Every placement form served by a real Voilà on 127.0.0.1 and filled in a headless Chromium.

Each form is filled as its user would fill it, and the record is then read back from the store the
server writes to. Representative forms also get invalid input, which must show its message and
write nothing. The server and the blocking of other hosts come from the meeting log's browser
tests, and the browser comes from tests/conftest.py. This module starts its own server on its own
copy of the demo store.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, expect
from test_meeting_log_browser import NAVIGATION_TIMEOUT_MS, PAGE_TIMEOUT_MS, OtherHosts
from test_meeting_log_browser import keys, other_hosts, served_store, server_url  # noqa: F401

from omt.store import Store
from omt.store.layout import DRAFTS, PERSON_DRAFTS
from omt.store.links import issue_link
from omt.widgets.forms.drafts import DraftKey, clear_draft, load_draft

pytestmark = pytest.mark.browser

PLACEMENT = "FR-VN-01"
# Who fills each form in for FR-VN-01 in the demo store; the page is opened with that person's link.
AUTHORS = {"placement_registration": "C-FR-LYON", "pre_departure_checklist": "C-FR-LYON",
           "arrival_checklist": "C-VN-HAN", "meeting_log": "M-VN-HAN", "task_supervisor_note": "S-VN-HAN",
           "volunteer_checkin": "V-01", "mid_term_review": "C-FR-LYON", "incident_report": "M-VN-HAN",
           "competence_self_assessment": "V-01", "final_evaluation": "V-01", "return_debrief": "C-FR-LYON"}
TODAY = dt.date.today()
FAILURE_TEXT = "Saving failed. Your answers are still on the page."
# Console errors that name these words come from the widget manager failing to build or sync a model.
EXPECT_DEFAULT_TIMEOUT_MS = 5_000  # Playwright's own default, restored for the other modules
WIDGET_ERROR = re.compile(r"widget|model|comm", re.IGNORECASE)


@pytest.fixture
def page(browser: Browser, other_hosts: OtherHosts) -> Iterator[Page]:  # noqa: F811
    """Return a page that reaches only 127.0.0.1 and fails the test on widget errors in the console."""
    context = browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    context.route("**/*", other_hosts.handle)
    page = context.new_page()
    errors: list[str] = []

    def record(message: ConsoleMessage) -> None:
        if message.type == "error" and WIDGET_ERROR.search(message.text):
            errors.append(message.text)

    page.on("console", record)
    expect.set_options(timeout=PAGE_TIMEOUT_MS)
    yield page
    expect.set_options(timeout=EXPECT_DEFAULT_TIMEOUT_MS)
    context.close()
    assert errors == []
    assert other_hosts.unexpected() == []
    if other_hosts.from_template():
        aborted = ", ".join(sorted(set(other_hosts.from_template())))
        warnings.warn(f"Voilà's page template requested files from a public CDN (aborted): {aborted}",
                      stacklevel=1)


def open_form(page: Page, server_url: str, keys: dict[str, str], form_id: str,  # noqa: F811
              placement_id: str | None = PLACEMENT) -> None:
    """Open the form with the link of the person who fills it in, for `placement_id` when given."""
    query = f"?key={keys[AUTHORS[form_id]]}" + (f"&placement={placement_id}" if placement_id else "")
    page.goto(f"{server_url}/voila/render/{form_id}.ipynb{query}")
    expect(page.locator(".omt-submit")).to_be_enabled(timeout=NAVIGATION_TIMEOUT_MS)


def field(scope: Page | Locator, name: str) -> Locator:
    return scope.locator(f".omt-field-{name}").first


def fill(scope: Page | Locator, answers: dict[str, Any]) -> None:
    """Enter each answer the way a person does, chosen by the kind of value."""
    for name, value in answers.items():
        box = field(scope, name)
        if isinstance(value, dt.date):
            box.locator("input[type=date]").fill(value.isoformat())
        elif isinstance(value, bool):
            box.get_by_label("Yes" if value else "No", exact=True).check()
        elif isinstance(value, int):
            box.locator("button", has_text=re.compile(f"^{value}$")).click()
        elif isinstance(value, list):
            for choice in value:
                box.locator(f".omt-choice-{choice} input").check()
        elif isinstance(value, tuple):
            kind, text = value
            if kind == "radio":
                box.get_by_label(text, exact=True).check()
            else:
                box.locator("select").select_option(label=text)
        elif box.locator("textarea").count():
            box.locator("textarea").fill(value)
        else:
            box.locator("input").fill(value)


def save_and_confirm(page: Page, reference: str = "Reference:") -> str:
    """Click Save, wait for the confirmation and return the id it shows after `reference`."""
    page.locator(".omt-submit").click()
    confirmation = page.locator(".omt-confirmation")
    expect(confirmation).to_contain_text(reference)
    return re.search(re.escape(reference) + r"\s*(\S+)", confirmation.inner_text()).group(1)


def saved(store: Store, form_id: str, submission_id: str, placement_id: str = PLACEMENT) -> Any:
    [submission] = [s for s in store.submissions(placement_id, form_id) if s.submission_id == submission_id]
    return submission


def store_bytes(store: Store) -> dict[str, bytes]:
    """Return the content of every store file but the drafts, which the page writes as the person types."""
    return {str(path): path.read_bytes() for path in sorted(store.root.rglob("*.json"))
            if not {DRAFTS, PERSON_DRAFTS} & set(path.parts)}


def reload_with_draft(page: Page) -> None:
    """Reload the page once its draft is written, and wait until the draft is back on the page."""
    expect(page.locator(".omt-draft")).to_contain_text("kept as a draft")
    page.reload()
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(page.locator(".omt-draft")).to_contain_text("are back on the page")


# -- every form, filled as its user would -------------------------------------------------------


def test_placement_registration(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "placement_registration", placement_id=None)
    fill(page, {"placement_id": "FR-IT-13", "volunteer_id": ("select", "Chloé Giraud (V-02)"),
                "sending_organisation_id": ("select", "Maison des Jeunes du Vieux-Port (FR-MARS)"),
                "hosting_organisation_id": ("select", "Associazione Ponti di Gioventù (IT-BOL)"),
                "coordinating_organisation_id": ("select", "Les Passerelles Solidaires (FR-LYON)"),
                "mentor_id": ("select", "Francesca Lodi (M-IT-BOL)"),
                "task_supervisor_id": ("select", "Paolo Santucci (S-IT-BOL)"),
                "start_date": dt.date(2027, 3, 1), "end_date": dt.date(2027, 9, 1),
                "activity": "Radio des jeunes à Bologne"})
    assert save_and_confirm(page) == "FR-IT-13"
    placement = served_store.placement("FR-IT-13")
    assert (placement.volunteer_id, placement.hosting_organisation_id, placement.mentor_id) == (
        "V-02", "IT-BOL", "M-IT-BOL")
    assert (placement.start_date, placement.end_date, placement.status) == (
        dt.date(2027, 3, 1), dt.date(2027, 9, 1), "planned")


def test_pre_departure_checklist(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "pre_departure_checklist")
    day = TODAY - dt.timedelta(days=3)
    fill(page, {"training_date": day, "training_hours": "6,5", "training_topics": ["roles", "safety"],
                "agreement_signed": True, "insurance_enrolled": False, "emergency_contacts_shared": True,
                "learning_goals_drafted": True})
    expect(field(page, "open_points")).to_be_visible()
    fill(page, {"open_points": "Hélène enrols Léa in the insurance by Friday."})
    submission = saved(served_store, "pre_departure_checklist", save_and_confirm(page))
    assert submission.answers == {
        "training_date": day, "training_hours": 6.5, "training_topics": ["roles", "safety"],
        "agreement_signed": True, "insurance_enrolled": False, "emergency_contacts_shared": True,
        "learning_goals_drafted": True, "open_points": "Hélène enrols Léa in the insurance by Friday."}
    assert (submission.author_id, submission.role) == ("C-FR-LYON", "coordinator")


def test_arrival_checklist(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "arrival_checklist")
    fill(page, {"welcome_done": True, "local_orientation_done": True, "tasks_introduced": True,
                "emergency_contacts_given": True, "accommodation_checked": False,
                "on_arrival_training": ("radio", "Registered"), "notes": "Phòng cần sửa cửa sổ."})
    submission = saved(served_store, "arrival_checklist", save_and_confirm(page))
    assert submission.answers["accommodation_checked"] is False
    assert submission.answers["on_arrival_training"] == "registered"
    assert submission.answers["notes"] == "Phòng cần sửa cửa sổ."
    assert submission.author_id == "C-VN-HAN"


def test_meeting_log_with_action_items(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "meeting_log")
    day = TODAY - dt.timedelta(days=1)
    fill(page, {"meeting_date": day, "duration_minutes": "40", "topics": ["tasks"], "notes": "Bạn ấy ổn."})
    for number, (action, owner) in enumerate((("Call the school", "Mentor"), ("Plan a workshop", "Volunteer")), 1):
        field(page, "action_items").locator(".omt-add-row").click()
        fill(page.locator(f".omt-row-{number}"), {"action": action, "owner": ("select", owner),
                                                  "due_date": day + dt.timedelta(days=7)})
    fill(page, {"next_meeting_date": day + dt.timedelta(days=14)})
    submission = saved(served_store, "meeting_log", save_and_confirm(page))
    assert submission.answers["action_items"] == [
        {"action": "Call the school", "owner": "mentor", "due_date": day + dt.timedelta(days=7)},
        {"action": "Plan a workshop", "owner": "volunteer", "due_date": day + dt.timedelta(days=7)}]
    assert submission.answers["next_meeting_date"] == day + dt.timedelta(days=14)


def test_task_supervisor_note(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "task_supervisor_note")
    fill(page, {"note_date": TODAY - dt.timedelta(days=1), "workload": ("radio", "Too high"), "needs_support": True,
                "support_details": "Fewer evening shifts; I ask the coordinator."})
    submission = saved(served_store, "task_supervisor_note", save_and_confirm(page))
    assert submission.answers["workload"] == "too_high"
    assert submission.answers["support_details"] == "Fewer evening shifts; I ask the coordinator."
    assert submission.author_id == "S-VN-HAN"


def test_volunteer_checkin_in_french(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    volunteer = served_store.person("V-01")
    served_store.save_person(dataclasses.replace(volunteer, language="fr"))
    try:
        open_form(page, server_url, keys, "volunteer_checkin")
        fill_checkin_in_french(page, served_store)
    finally:
        served_store.save_person(volunteer)


def fill_checkin_in_french(page: Page, served_store: Store) -> None:
    expect(page.locator(".omt-form")).to_contain_text("Comment ça va ?")
    expect(field(page, "talk_with")).to_be_hidden()
    fill(page, {"wellbeing": 2, "hard": "Ma famille me manque.", "wants_to_talk": ("radio", "Oui")})
    expect(field(page, "talk_with")).to_be_visible()
    fill(page, {"talk_with": ("radio", "Mon mentor")})
    submission = saved(served_store, "volunteer_checkin", save_and_confirm(page, reference="Référence\u00a0:"))
    assert submission.answers == {"wellbeing": 2, "went_well": "", "hard": "Ma famille me manque.",
                                  "wants_to_talk": True, "talk_with": "mentor", "talk_about": ""}
    assert (submission.author_id, submission.language) == ("V-01", "fr")


def test_mid_term_review(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "mid_term_review")
    day = TODAY - dt.timedelta(days=2)
    expect(field(page, "volunteer_view")).to_be_hidden()
    fill(page, {"review_date": day, "participants": ["volunteer", "mentor"], "volunteer_wellbeing": 4,
                "volunteer_view": "J'aime le club d'anglais.", "mentor_view": "Léa gagne en autonomie.",
                "goals_on_track": ("radio", "Partly")})
    field(page, "agreed_changes").locator(".omt-add-row").click()
    fill(page.locator(".omt-row-1"), {"change": "Lead one workshop a month", "owner": ("select", "Volunteer"),
                                      "due_date": day + dt.timedelta(days=30)})
    submission = saved(served_store, "mid_term_review", save_and_confirm(page))
    assert submission.answers["participants"] == ["volunteer", "mentor"]
    assert "task_supervisor_view" not in submission.answers
    assert submission.answers["agreed_changes"] == [
        {"change": "Lead one workshop a month", "owner": "volunteer", "due_date": day + dt.timedelta(days=30)}]
    assert submission.author_id == "C-FR-LYON"


def test_incident_report(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "incident_report")
    day = TODAY - dt.timedelta(days=1)
    fill(page, {"incident_date": day, "severity": ("radio", "High (health, safety or legal risk)"),
                "category": ("radio", "Accident"), "what_happened": "Fell from a bicycle.",
                "actions_taken": "Hospital visit; insurer called.",
                "informed": ["mentor", "hosting_coordinator", "insurer"]})
    expect(field(page, "why_not_further")).to_be_visible()
    fill(page, {"informed": ["sending_organisation", "coordinating_organisation"]})
    expect(field(page, "why_not_further")).to_be_hidden()
    fill(page, {"status": ("radio", "Open")})
    submission = saved(served_store, "incident_report", save_and_confirm(page))
    assert submission.answers["informed"] == ["mentor", "hosting_coordinator", "sending_organisation",
                                              "coordinating_organisation", "insurer"]
    assert (submission.answers["severity"], submission.answers["status"]) == ("high", "open")
    assert "why_not_further" not in submission.answers


def test_competence_self_assessment(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "competence_self_assessment")
    scores = {"literacy": 3, "multilingual": 4, "mathematics_science": 2, "digital": 3,
              "personal_social_learning": 5, "citizenship": 3, "entrepreneurship": 2, "cultural_awareness": 4}
    fill(page, {"phase": ("radio", "In the middle of the placement")})
    fill(field(page, "scores"), scores)
    submission = saved(served_store, "competence_self_assessment", save_and_confirm(page))
    assert submission.answers == {"phase": "middle", "scores": scores}


def test_final_evaluation(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "final_evaluation")
    fill(field(page, "learning_outcomes"), {"multilingual": "Je mène une réunion en vietnamien simple.",
                                            "digital": "I edit short videos for the centre."})
    fill(page, {"overall": 5, "mentor_comment": "Léa grew in confidence."})
    submission = saved(served_store, "final_evaluation", save_and_confirm(page))
    assert submission.answers["learning_outcomes"] == {
        "multilingual": "Je mène une réunion en vietnamien simple.", "digital": "I edit short videos for the centre."}
    assert submission.answers["mentor_comment"] == "Léa grew in confidence."


def test_return_debrief(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "return_debrief")
    day = TODAY - dt.timedelta(days=1)
    fill(page, {"debrief_date": day, "needs_support": False, "next_steps": "Master en travail social.",
                "follow_up_date": day + dt.timedelta(days=60)})
    submission = saved(served_store, "return_debrief", save_and_confirm(page))
    assert submission.answers["next_steps"] == "Master en travail social."
    assert submission.answers["follow_up_date"] == day + dt.timedelta(days=60)
    assert "support_plan" not in submission.answers


# -- drafts -------------------------------------------------------------------------------------


def test_draft_survives_reload(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    key = DraftKey(PLACEMENT, "volunteer_checkin", "V-01")
    open_form(page, server_url, keys, "volunteer_checkin")
    fill(page, {"wellbeing": 4, "went_well": "Les enfants m'ont fait une carte !"})
    reload_with_draft(page)
    expect(field(page, "went_well").locator("textarea")).to_have_value("Les enfants m'ont fait une carte !")
    expect(field(page, "wellbeing").locator("button.mod-active")).to_have_text("4")

    fill(page, {"wants_to_talk": False})
    save_and_confirm(page)
    assert load_draft(served_store, key) is None
    page.reload()
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(field(page, "went_well").locator("textarea")).to_have_value("")


def test_registration_draft_survives_reload(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    key = DraftKey(None, "placement_registration", "C-FR-LYON")
    clear_draft(served_store, key)
    open_form(page, server_url, keys, "placement_registration", placement_id=None)
    fill(page, {"placement_id": "FR-IT-14", "volunteer_id": ("select", "Chloé Giraud (V-02)"),
                "start_date": dt.date(2027, 4, 1), "activity": "Atelier radio à Bologne"})
    reload_with_draft(page)
    assert (served_store.root / PERSON_DRAFTS / "C-FR-LYON.json").is_file()
    expect(field(page, "placement_id").locator("input")).to_have_value("FR-IT-14")
    expect(field(page, "volunteer_id").locator("select")).to_have_value("Chloé Giraud (V-02)")
    expect(field(page, "start_date").locator("input[type=date]")).to_have_value("2027-04-01")
    expect(field(page, "activity").locator("textarea")).to_have_value("Atelier radio à Bologne")

    fill(page, {"sending_organisation_id": ("select", "Maison des Jeunes du Vieux-Port (FR-MARS)"),
                "hosting_organisation_id": ("select", "Associazione Ponti di Gioventù (IT-BOL)"),
                "coordinating_organisation_id": ("select", "Les Passerelles Solidaires (FR-LYON)"),
                "mentor_id": ("select", "Francesca Lodi (M-IT-BOL)"),
                "task_supervisor_id": ("select", "Paolo Santucci (S-IT-BOL)"), "end_date": dt.date(2027, 10, 1)})
    assert save_and_confirm(page) == "FR-IT-14"
    assert served_store.placement("FR-IT-14").activity == "Atelier radio à Bologne"
    assert load_draft(served_store, key) is None
    page.reload()
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(field(page, "placement_id").locator("input")).to_have_value("")


def test_job_shadowing_draft_survives_reload(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    key = DraftKey(None, "job_shadowing", "C-FR-LYON")
    clear_draft(served_store, key)
    page.goto(f"{server_url}/voila/render/job_shadowing.ipynb?key={keys['C-FR-LYON']}")
    expect(page.locator(".omt-submit")).to_be_enabled(timeout=NAVIGATION_TIMEOUT_MS)
    start = TODAY + dt.timedelta(days=40)
    fill(page, {"part": ("radio", "The plan, before the visit"), "visit_start": start,
                "host_organisation_id": ("select", "Associazione Ponti di Gioventù (IT-BOL)"),
                "learning_objectives": "Voir comment Bologne anime son conseil des jeunes."})
    reload_with_draft(page)
    expect(field(page, "part").get_by_label("The plan, before the visit", exact=True)).to_be_checked()
    expect(field(page, "host_organisation_id").locator("select")).to_have_value(
        "Associazione Ponti di Gioventù (IT-BOL)")
    expect(field(page, "visit_start").locator("input[type=date]")).to_have_value(start.isoformat())
    expect(field(page, "learning_objectives").locator("textarea")).to_have_value(
        "Voir comment Bologne anime son conseil des jeunes.")

    fill(page, {"visit_end": start + dt.timedelta(days=3)})
    activity_id = save_and_confirm(page)
    [visit] = [a for a in served_store.activities("C-FR-LYON") if a.activity_id == activity_id]
    assert visit.answers["learning_objectives"] == "Voir comment Bologne anime son conseil des jeunes."
    assert load_draft(served_store, key) is None
    page.reload()
    expect(page.locator(".omt-submit")).to_be_enabled()
    expect(field(page, "learning_objectives")).to_be_hidden()


# -- invalid input ------------------------------------------------------------------------------


def test_registration_invalid_writes_nothing(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    before = store_bytes(served_store)
    open_form(page, server_url, keys, "placement_registration", placement_id=None)
    fill(page, {"placement_id": "fr vn 14", "start_date": dt.date(2027, 3, 1), "end_date": dt.date(2027, 2, 1)})
    page.locator(".omt-submit").click()
    expect(page.locator(".omt-summary")).to_contain_text("Nothing was saved: 8 answers need a correction.")
    expect(field(page, "placement_id").locator(".omt-error")).to_have_text(
        "Use upper-case letters, digits and single dashes, such as FR-VN-13.")
    expect(field(page, "end_date").locator(".omt-error")).to_have_text("The end date must come after the start date.")
    expect(field(page, "mentor_id").locator(".omt-error")).to_have_text("Choose one answer.")
    assert store_bytes(served_store) == before


def test_registration_taken_id_writes_nothing(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    before = store_bytes(served_store)
    open_form(page, server_url, keys, "placement_registration", placement_id=None)
    fill(page, {"placement_id": "FR-VN-01", "volunteer_id": ("select", "Chloé Giraud (V-02)"),
                "sending_organisation_id": ("select", "Maison des Jeunes du Vieux-Port (FR-MARS)"),
                "hosting_organisation_id": ("select", "Associazione Ponti di Gioventù (IT-BOL)"),
                "coordinating_organisation_id": ("select", "Les Passerelles Solidaires (FR-LYON)"),
                "mentor_id": ("select", "Francesca Lodi (M-IT-BOL)"),
                "task_supervisor_id": ("select", "Paolo Santucci (S-IT-BOL)"),
                "start_date": dt.date(2027, 3, 1), "end_date": dt.date(2027, 9, 1)})
    page.locator(".omt-submit").click()
    expect(field(page, "placement_id").locator(".omt-error")).to_have_text(
        "Placement FR-VN-01 already exists; choose another id.")
    assert store_bytes(served_store) == before


def test_checkin_relevant_required_writes_nothing(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    before = store_bytes(served_store)
    open_form(page, server_url, keys, "volunteer_checkin")
    fill(page, {"wants_to_talk": True})
    page.locator(".omt-submit").click()
    expect(page.locator(".omt-summary")).to_contain_text("Nothing was saved: 2 answers need a correction.")
    expect(field(page, "wellbeing").locator(".omt-error")).to_have_text("Choose a number from 1 to 5.")
    expect(field(page, "talk_with").locator(".omt-error")).to_have_text("Choose one answer.")
    assert store_bytes(served_store) == before


def test_meeting_log_bad_row_writes_nothing(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    before = store_bytes(served_store)
    open_form(page, server_url, keys, "meeting_log")
    day = TODAY - dt.timedelta(days=1)
    fill(page, {"meeting_date": day, "duration_minutes": "4x", "topics": ["tasks"],
                "next_meeting_date": day - dt.timedelta(days=1)})
    field(page, "action_items").locator(".omt-add-row").click()
    fill(page.locator(".omt-row-1"), {"action": "Call", "due_date": day - dt.timedelta(days=3)})
    page.locator(".omt-submit").click()
    expect(page.locator(".omt-summary")).to_contain_text("3 answers need a correction")
    expect(field(page, "duration_minutes").locator(".omt-error")).to_have_text("Enter a whole number, such as 45.")
    expect(field(page, "action_items").locator(".omt-error").last).to_have_text("Correct row 1.")
    row = page.locator(".omt-row-1")
    expect(field(row, "owner").locator(".omt-error")).to_have_text("Choose one answer.")
    expect(field(row, "due_date").locator(".omt-error")).to_have_text("The due date cannot be before the meeting.")
    expect(field(page, "next_meeting_date").locator(".omt-error")).to_have_text(
        "The next meeting must come after this one.")
    row.locator(".omt-remove-row").click()
    expect(page.locator(".omt-row")).to_have_count(0)
    assert store_bytes(served_store) == before


# -- a store that cannot be written -------------------------------------------------------------


def set_read_only(root: Path, read_only: bool) -> None:
    """Make the store unwritable, even for root, whose writes ignore permission bits."""
    paths = [root, *root.rglob("*")]
    if os.geteuid() == 0:
        flag = "+i" if read_only else "-i"
        subprocess.run(["chattr", flag, *map(str, paths)], check=True)
        return
    for path in paths:
        if read_only:
            mode = 0o555 if path.is_dir() else 0o444
        else:
            mode = 0o755 if path.is_dir() else 0o644
        path.chmod(mode)


def test_read_only_store_plain_message(page: Page, server_url: str, served_store: Store,  # noqa: F811
        keys: dict[str, str]) -> None:  # noqa: F811
    open_form(page, server_url, keys, "task_supervisor_note")
    (served_store.root / ".lock").touch()
    before = store_bytes(served_store)
    set_read_only(served_store.root, True)
    try:
        fill(page, {"note_date": TODAY - dt.timedelta(days=1), "workload": ("radio", "About right"),
                    "needs_support": False})
        page.locator(".omt-submit").click()
        expect(page.locator(".omt-summary")).to_contain_text(FAILURE_TEXT)
        expect(page.locator(".omt-status")).to_contain_text(FAILURE_TEXT)
        expect(page.locator(".omt-submit")).to_be_enabled()
        assert "Traceback" not in page.content()
        assert str(served_store.root) not in page.content()
        assert store_bytes(served_store) == before
    finally:
        set_read_only(served_store.root, False)


def test_job_shadowing_plan(page: Page, server_url: str, served_store: Store) -> None:  # noqa: F811
    key, _link = issue_link(served_store, "C-IT-BOL")
    page.goto(f"{server_url}/voila/render/job_shadowing.ipynb?key={key}")
    expect(page.locator(".omt-submit")).to_be_enabled(timeout=NAVIGATION_TIMEOUT_MS)
    expect(page.locator(".omt-person")).to_contain_text("Chiara Benedetti")
    fill(page, {"part": ("radio", "The plan, before the visit")})
    expect(field(page, "what_observed")).to_be_hidden()
    start = TODAY + dt.timedelta(days=30)
    fill(page, {"host_organisation_id": ("select", "Trung tâm Thanh niên Sông Hồng (VN-HAN)"),
                "visit_start": start, "visit_end": start + dt.timedelta(days=4),
                "learning_objectives": "Học cách tổ chức câu lạc bộ tiếng Anh cho thanh niên."})
    activity_id = save_and_confirm(page)
    [visit] = [a for a in served_store.activities("C-IT-BOL") if a.activity_id == activity_id]
    assert visit.form_id == "job_shadowing"
    assert visit.answers["host_organisation_id"] == "VN-HAN"
    assert visit.answers["visit_end"] == start + dt.timedelta(days=4)
    assert visit.answers["learning_objectives"] == "Học cách tổ chức câu lạc bộ tiếng Anh cho thanh niên."


def test_job_shadowing_end_before_start_writes_nothing(page: Page, server_url: str,  # noqa: F811
        served_store: Store) -> None:  # noqa: F811
    key, _link = issue_link(served_store, "C-IT-BOL")
    before = store_bytes(served_store)
    page.goto(f"{server_url}/voila/render/job_shadowing.ipynb?key={key}")
    expect(page.locator(".omt-submit")).to_be_enabled(timeout=NAVIGATION_TIMEOUT_MS)
    start = TODAY + dt.timedelta(days=30)
    fill(page, {"part": ("radio", "The plan, before the visit"),
                "host_organisation_id": ("select", "Trung tâm Thanh niên Sông Hồng (VN-HAN)"),
                "visit_start": start, "visit_end": start - dt.timedelta(days=1),
                "learning_objectives": "Observe the welcome of new volunteers."})
    page.locator(".omt-submit").click()
    expect(field(page, "visit_end").locator(".omt-error")).to_have_text("The last day cannot be before the first day.")
    assert store_bytes(served_store) == before
