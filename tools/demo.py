"""The demo store: a fictional pilot exchange between six youth organisations.

Everything here is invented: the organisations, the people and their words. The store is
deterministic for a given reference day (`as_of`): the same day always gives the same records,
and the placements are spread over every stage of the journey as seen from that day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from omt.store import Organisation, Person, Placement, Store
from omt.store.vocabulary import KEY_COMPETENCES

log = logging.getLogger(__name__)

COORDINATING = "FR-LYON"

ORGANISATIONS = (
    Organisation("FR-LYON", "Les Passerelles Solidaires", "FR", ("sending", "hosting", "coordinating"), "Lyon"),
    Organisation("FR-MARS", "Maison des Jeunes du Vieux-Port", "FR", ("sending", "hosting"), "Marseille"),
    Organisation("IT-BOL", "Associazione Ponti di Gioventù", "IT", ("sending", "hosting"), "Bologna"),
    Organisation("VN-HAN", "Trung tâm Thanh niên Sông Hồng", "VN", ("sending", "hosting"), "Hà Nội"),
    Organisation("TH-CNX", "มูลนิธิเยาวชนล้านนา", "TH", ("sending", "hosting"), "เชียงใหม่"),
    Organisation("US-PDX", "Bridgeway Youth Exchange", "US", ("sending", "hosting"), "Portland"),
)

# For each hosting organisation: its mentor and its task supervisor.
STAFF = {
    "FR-LYON": (("M-FR-LYON", "Camille Rousseau", "fr"), ("S-FR-LYON", "Julien Marchand", "fr")),
    "FR-MARS": (("M-FR-MARS", "Karim Benali", "fr"), ("S-FR-MARS", "Sophie Lambert", "fr")),
    "IT-BOL": (("M-IT-BOL", "Francesca Lodi", "it"), ("S-IT-BOL", "Paolo Santucci", "it")),
    "VN-HAN": (("M-VN-HAN", "Phạm Thu Trang", "vi"), ("S-VN-HAN", "Đỗ Quang Huy", "vi")),
    "TH-CNX": (("M-TH-CNX", "อรุณี วงศ์ทอง", "th"), ("S-TH-CNX", "ธนากร แสงทอง", "th")),
    "US-PDX": (("M-US-PDX", "Dana Whitfield", "en"), ("S-US-PDX", "Morgan Ellis", "en")),
}

COORDINATORS = (
    ("C-FR-LYON", "Hélène Perrin", "FR-LYON", "fr"),
    ("C-FR-MARS", "Yacine Ferhat", "FR-MARS", "fr"),
    ("C-IT-BOL", "Chiara Benedetti", "IT-BOL", "it"),
    ("C-VN-HAN", "Vũ Hoàng Lan", "VN-HAN", "vi"),
    ("C-TH-CNX", "สุดารัตน์ คำดี", "TH-CNX", "th"),
    ("C-US-PDX", "Riley Okafor", "US-PDX", "en"),
)


@dataclass(frozen=True)
class DemoPlacement:
    """A placement of the demo, its dates given in days from the reference day."""

    placement_id: str
    volunteer: tuple[str, str, str]
    sending: str
    hosting: str
    start_offset: int
    months: int
    status: str
    activity: str
    interrupted_offset: int | None = None


PLACEMENTS = (
    DemoPlacement("FR-VN-01", ("V-01", "Léa Dubois-Mercier", "fr"), "FR-LYON", "VN-HAN", -35, 10, "on_site",
                  "English club and after-school activities in a youth centre"),
    DemoPlacement("FR-TH-02", ("V-02", "Chloé Giraud", "fr"), "FR-MARS", "TH-CNX", 21, 6, "planned",
                  "Environmental education with a community forest project"),
    DemoPlacement("IT-FR-03", ("V-03", "Giulia Ferretti", "it"), "IT-BOL", "FR-LYON", -182, 12, "on_site",
                  "Support for a neighbourhood youth radio"),
    DemoPlacement("VN-IT-04", ("V-04", "Nguyễn Thị Hồng Nhung", "vi"), "VN-HAN", "IT-BOL", -12, 9, "on_site",
                  "Intercultural workshops in secondary schools"),
    DemoPlacement("TH-US-05", ("V-05", "สมชาย ใจดี", "th"), "TH-CNX", "US-PDX", -95, 8, "on_site",
                  "Community garden and food bank"),
    DemoPlacement("US-FR-06", ("V-06", "Jordan Reyes", "en"), "US-PDX", "FR-MARS", -205, 6, "returned",
                  "Sports activities for teenagers"),
    DemoPlacement("VN-FR-07", ("V-07", "Trần Văn Đức", "vi"), "VN-HAN", "FR-LYON", -120, 9, "interrupted",
                  "Digital media workshops for young people", interrupted_offset=-30),
    DemoPlacement("IT-VN-08", ("V-08", "Marco Bellandi", "it"), "IT-BOL", "VN-HAN", -165, 6, "on_site",
                  "Music and theatre with a youth cultural house"),
    DemoPlacement("FR-US-09", ("V-09", "Élodie Fauré", "fr"), "FR-LYON", "US-PDX", -122, 12, "on_site",
                  "Homework club and mentoring of younger pupils"),
    DemoPlacement("TH-IT-10", ("V-10", "พิมพ์ชนก ศรีสุข", "th"), "TH-CNX", "IT-BOL", -49, 3, "on_site",
                  "Welcome desk of a youth information centre"),
    DemoPlacement("US-TH-11", ("V-11", "Aiyana Brooks", "en"), "US-PDX", "TH-CNX", 60, 2, "planned",
                  "Summer camp for children from hill villages"),
    DemoPlacement("FR-IT-12", ("V-12", "Lê Minh Khôi", "vi"), "FR-MARS", "IT-BOL", -70, 10, "on_site",
                  "Graphic design for a youth association's campaigns"),
)

MEETING_NOTES = (
    "Settling in well; asked for help with the local bus pass.",
    "Se sent parfois isolé·e le week-end ; nous avons parlé des activités du quartier.",
    "Ha parlato del rapporto con il gruppo di lavoro: va meglio dopo la riunione di équipe.",
    "Bạn ấy muốn học thêm tiếng địa phương và đã đăng ký lớp buổi tối.",
    "อาสาสมัครเล่าว่าคิดถึงบ้าน แต่ชอบงานกับเด็ก ๆ มาก",
    "Reviewed the learning goals; the volunteer wants to lead a workshop alone next month.",
)
TOPIC_ROTATION = (("tasks", "wellbeing"), ("practical",), ("learning_goals", "intercultural"),
                  ("wellbeing", "conflict"), ("tasks", "plans_after"), ("intercultural",))
ACTION_ITEMS = ({"action": "Send the list of local language courses.", "owner": "mentor"},
                {"action": "Ask the team about leading a workshop alone.", "owner": "volunteer"})
WENT_WELL = ("Les enfants m'ont fait une carte pour mon anniversaire !", "The workshop on Friday went well.",
             "Mình đã tự đi chợ và nói chuyện được bằng tiếng địa phương.", "สอนภาษาอังกฤษได้สนุกมาก")
HARD = ("Le rythme de travail est intense.", "Missing my family.", "Không hiểu hết các cuộc họp nhóm.",
        "อากาศหนาวกว่าที่คิดไว้มาก")


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` later, moved back to the month's last day where needed."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(f"no valid day for {day} plus {months} months")


def stable_id(*parts: object) -> str:
    """Return a submission id derived from `parts`, so that the demo is the same on every run."""
    return hashlib.sha256("/".join(map(str, parts)).encode("utf-8")).hexdigest()[:32]


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.timezone.utc)


def build_demo(store: Store, as_of: dt.date | None = None) -> Store:
    """Fill an empty store with the pilot exchange as seen on `as_of` (default: today)."""
    as_of = as_of or dt.date.today()
    for organisation in ORGANISATIONS:
        store.save_organisation(organisation)
    add_staff(store)
    for demo in PLACEMENTS:
        placement = add_placement(store, demo, as_of)
        add_history(store, placement, demo, as_of)
    add_incident(store, as_of)
    log.info("built the demo store at %s for %s", store.root, as_of)
    return store


def add_staff(store: Store) -> None:
    for organisation_id, ((mentor_id, mentor, mentor_language), (supervisor_id, supervisor, language)) in STAFF.items():
        store.save_person(Person(mentor_id, mentor, "mentor", organisation_id, mentor_language))
        store.save_person(Person(supervisor_id, supervisor, "task_supervisor", organisation_id, language))
    for person_id, name, organisation_id, language in COORDINATORS:
        store.save_person(Person(person_id, name, "coordinator", organisation_id, language))


def add_placement(store: Store, demo: DemoPlacement, as_of: dt.date) -> Placement:
    volunteer_id, name, language = demo.volunteer
    store.save_person(Person(volunteer_id, name, "volunteer", demo.sending, language))
    start = as_of + dt.timedelta(days=demo.start_offset)
    interrupted_on = None if demo.interrupted_offset is None else as_of + dt.timedelta(days=demo.interrupted_offset)
    return store.save_placement(Placement(
        placement_id=demo.placement_id, volunteer_id=volunteer_id, sending_organisation_id=demo.sending,
        hosting_organisation_id=demo.hosting, coordinating_organisation_id=COORDINATING,
        mentor_id=STAFF[demo.hosting][0][0], task_supervisor_id=STAFF[demo.hosting][1][0],
        start_date=start, end_date=add_months(start, demo.months), status=demo.status,
        activity=demo.activity, interrupted_on=interrupted_on,
    ))


def add_history(store: Store, placement: Placement, demo: DemoPlacement, as_of: dt.date) -> None:
    """Add the meeting logs, check-ins and self-assessments a placement has had up to `as_of`."""
    last_day = min(as_of, placement.end_date, placement.interrupted_on or placement.end_date)
    if placement.start_date >= as_of:
        return
    add_checklists(store, placement, demo)
    add_self_assessment(store, placement, "start", placement.start_date + dt.timedelta(days=3), 0)
    for number, day in enumerate(every(placement.start_date + dt.timedelta(days=5), last_day, 14)):
        add_meeting(store, placement, number, day)
    for number, day in enumerate(every(placement.start_date + dt.timedelta(days=10), last_day, 14)):
        add_checkin(store, placement, number, day)
    middle = placement.start_date + dt.timedelta(days=placement.duration_days // 2)
    if middle <= last_day:
        add_self_assessment(store, placement, "middle", middle, 1)
    if placement.status == "returned":
        add_self_assessment(store, placement, "end", placement.end_date - dt.timedelta(days=4), 2)
        add_return(store, placement)


def every(first: dt.date, last: dt.date, step_days: int) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=step_days)
    return days


def coordinator_of(organisation_id: str) -> str:
    return next(person_id for person_id, _, organisation, _ in COORDINATORS if organisation == organisation_id)


def add_checklists(store: Store, placement: Placement, demo: DemoPlacement) -> None:
    """Add the sending organisation's pre-departure checklist and, but for the newest arrival,
    the hosting organisation's arrival checklist."""
    sender = coordinator_of(placement.sending_organisation_id)
    training_day = placement.start_date - dt.timedelta(days=12)
    store.submit(
        placement.placement_id, "pre_departure_checklist",
        {"training_date": training_day, "insurance_enrolled": True, "agreement_signed": True,
         "emergency_contacts_shared": True, "learning_goals_drafted": True},
        author_id=sender, role="coordinator", language=store.person(sender).language,
        submission_id=stable_id(placement.placement_id, "pre_departure"), submitted_at=moment(training_day, 16),
    )
    if demo.start_offset > -14:
        return  # The newest arrival's checklist is still missing, so the board shows an overdue item.
    host = coordinator_of(placement.hosting_organisation_id)
    arrival_day = placement.start_date + dt.timedelta(days=4)
    store.submit(
        placement.placement_id, "arrival_checklist",
        {"welcome_done": True, "local_orientation_done": True, "tasks_introduced": True,
         "emergency_contacts_given": True, "accommodation_checked": True},
        author_id=host, role="coordinator", language=store.person(host).language,
        submission_id=stable_id(placement.placement_id, "arrival"), submitted_at=moment(arrival_day, 16),
    )


def add_return(store: Store, placement: Placement) -> None:
    """Add the final evaluation and the sending organisation's return debrief."""
    store.submit(
        placement.placement_id, "final_evaluation",
        {"learning_outcomes": {"multilingual": "I can now lead a short meeting in French.",
                               "personal_social_learning": "I learned to ask for help early."},
         "mentor_comment": "Jordan grew a lot in confidence with the teenagers."},
        author_id=placement.volunteer_id, role="volunteer", language="en",
        submission_id=stable_id(placement.placement_id, "final"), submitted_at=moment(placement.end_date, 11),
    )
    sender = coordinator_of(placement.sending_organisation_id)
    debrief_day = placement.end_date + dt.timedelta(days=10)
    store.submit(
        placement.placement_id, "return_debrief",
        {"debrief_date": debrief_day, "next_steps": "Wants to volunteer locally and start a degree in social work.",
         "follow_up_date": debrief_day + dt.timedelta(days=60)},
        author_id=sender, role="coordinator", language="en",
        submission_id=stable_id(placement.placement_id, "debrief"), submitted_at=moment(debrief_day, 14),
    )


def add_meeting(store: Store, placement: Placement, number: int, day: dt.date) -> None:
    store.submit(
        placement.placement_id, "meeting_log",
        {"meeting_date": day, "duration_minutes": 30 + 15 * (number % 4),
         "topics": list(TOPIC_ROTATION[number % len(TOPIC_ROTATION)]),
         "notes": MEETING_NOTES[(number + len(placement.placement_id)) % len(MEETING_NOTES)],
         "action_items": [ACTION_ITEMS[number % 2] | {"due_date": day + dt.timedelta(days=7)}],
         "next_meeting_date": day + dt.timedelta(days=14)},
        author_id=placement.mentor_id, role="mentor", language=store.person(placement.mentor_id).language,
        submission_id=stable_id(placement.placement_id, "meeting", number), submitted_at=moment(day, 17),
    )


def add_checkin(store: Store, placement: Placement, number: int, day: dt.date) -> None:
    seed = int(stable_id(placement.placement_id, "wellbeing", number)[:4], 16)
    wellbeing = 2 if placement.status == "interrupted" and number > 3 else 3 + seed % 3
    store.submit(
        placement.placement_id, "volunteer_checkin",
        {"wellbeing": wellbeing, "went_well": WENT_WELL[seed % len(WENT_WELL)],
         "hard": HARD[seed % len(HARD)], "wants_to_talk": wellbeing <= 3},
        author_id=placement.volunteer_id, role="volunteer", language=store.person(placement.volunteer_id).language,
        submission_id=stable_id(placement.placement_id, "checkin", number), submitted_at=moment(day, 20),
    )


def add_self_assessment(store: Store, placement: Placement, phase: str, day: dt.date, growth: int) -> None:
    scores = {}
    for index, (competence, _) in enumerate(KEY_COMPETENCES):
        base = 1 + int(stable_id(placement.placement_id, competence)[:2], 16) % 3
        scores[competence] = min(5, base + growth * (index % 2))
    store.submit(
        placement.placement_id, "competence_self_assessment", {"phase": phase, "scores": scores},
        author_id=placement.volunteer_id, role="volunteer", language=store.person(placement.volunteer_id).language,
        submission_id=stable_id(placement.placement_id, "self_assessment", phase), submitted_at=moment(day, 18),
    )


def add_incident(store: Store, as_of: dt.date) -> None:
    placement = store.placement("TH-US-05")
    day = as_of - dt.timedelta(days=9)
    store.submit(
        placement.placement_id, "incident_report",
        {"incident_date": day, "severity": "medium", "category": "health",
         "what_happened": "The volunteer sprained an ankle during the garden work and went to an urgent care clinic.",
         "actions_taken": "Mentor went with the volunteer; insurance claim started; lighter tasks for two weeks.",
         "informed": ["mentor", "hosting_coordinator", "sending_organisation"],
         "status": "open", "follow_up": "Check the insurance reimbursement and the recovery at the next meeting."},
        author_id=placement.mentor_id, role="mentor", language="en",
        submission_id=stable_id(placement.placement_id, "incident", 1), submitted_at=moment(day, 15),
    )
