"""Demo responses to the needs survey, for the analysis notebook, the exports and their tests.

Everything here is invented: who answered, which problems they ticked and their words. The rates
below are chosen so that the charts have something to show; they are not findings. The sample is
the same on every run: a fixed seed drives the choices and the moments are fixed days.

The respondents are the people of the demo exchange (`omt.tools.demo`), each answering both
waves, plus youth workers who answer anonymously. No placement is needed, so the sample can go
into an empty store.
"""

from __future__ import annotations

import datetime as dt
import random

from omt.store import Store
from omt.store.surveys import NEEDS_SURVEY, PROBLEMS, SURVEY_STAGES, SurveyResponse, save_response, stage_field
from omt.tools.demo import COORDINATORS, ORGANISATIONS, PLACEMENTS, STAFF, moment, stable_id

SEED = 2027
# The two waves of the invented experimentation: its first and its last month.
WAVE_DAYS = {"start": dt.date(2027, 1, 11), "end": dt.date(2027, 11, 15)}
YOUTH_WORKERS_PER_WAVE = 8
ANONYMOUS_SHARE = 0.3

# The invented chance that a respondent ticks a problem at a stage, at the start wave. A problem
# not listed for a stage gets BASE_RATE.
BASE_RATE = 0.03
RATES = {
    ("preparation", "weak_handover"): 0.23,
    ("preparation", "unclear_roles"): 0.15,
    ("arrival_induction", "unclear_roles"): 0.25,
    ("arrival_induction", "weak_handover"): 0.2,
    ("regular_support", "mentor_time"): 0.28,
    ("regular_support", "no_shared_picture"): 0.17,
    ("regular_support", "late_problems"): 0.2,
    ("mid_term", "no_shared_picture"): 0.2,
    ("mid_term", "late_problems"): 0.17,
    ("final_evaluation", "rushed_learning_outcomes"): 0.3,
    ("final_evaluation", "mentor_time"): 0.15,
    ("return_follow_up", "weak_handover"): 0.17,
}
# Each rate is multiplied by this factor at the end wave, so that the comparison shows a change.
END_FACTOR = {"volunteer": 0.7, "tutor": 0.55}

OTHER_PROBLEMS = (
    "",
    "",
    "Nobody told the host that I had changed my flight.",
    "On ne sait pas toujours qui prévient l'organisation d'envoi en cas de souci.",
    "Il tutor cambia spesso e le informazioni si perdono.",
    "Tình nguyện viên không biết nên hỏi ai khi có vấn đề.",
    "พี่เลี้ยงมีเวลาน้อยมากในช่วงเทศกาล",
)
WISHES = (
    "",
    "One page that shows where the placement stands, for everyone.",
    "Un calendrier commun des rencontres avec le mentor.",
    "Una checklist condivisa per l'arrivo.",
    "Nhắc lịch viết kết quả học tập sớm hơn.",
)


def respondents() -> list[tuple[str, str, str, str]]:
    """Return (person id, name, role, country) for every person of the demo exchange."""
    countries = {organisation.organisation_id: organisation.country for organisation in ORGANISATIONS}
    people = []
    for demo in PLACEMENTS:
        volunteer_id, name, _language = demo.volunteer
        people.append((volunteer_id, name, "volunteer", countries[demo.sending]))
    for organisation_id, ((mentor_id, mentor, _), (supervisor_id, supervisor, _)) in STAFF.items():
        people.append((mentor_id, mentor, "mentor", countries[organisation_id]))
        people.append((supervisor_id, supervisor, "task_supervisor", countries[organisation_id]))
    for person_id, name, organisation_id, _language in COORDINATORS:
        people.append((person_id, name, "coordinator", countries[organisation_id]))
    return people


def demo_survey_responses(seed: int = SEED) -> list[SurveyResponse]:
    """Return the demo sample: both waves, every demo person and some anonymous youth workers."""
    rng = random.Random(seed)
    countries = sorted({organisation.country for organisation in ORGANISATIONS})
    sample = []
    for wave, day in WAVE_DAYS.items():
        people = [*respondents(),
                  *((None, "", "youth_worker", countries[number % len(countries)])
                    for number in range(YOUTH_WORKERS_PER_WAVE))]
        for number, (person_id, name, role, country) in enumerate(people):
            anonymous = person_id is None or rng.random() < ANONYMOUS_SHARE
            sample.append(SurveyResponse(
                survey_id=NEEDS_SURVEY, wave=wave, role=role, country=country, anonymous=anonymous,
                answers=demo_answers(rng, wave, role),
                respondent_id=None if anonymous else person_id,
                respondent_name="" if anonymous else name,
                response_id=stable_id(NEEDS_SURVEY, wave, number),
                submitted_at=moment(day + dt.timedelta(days=number % 10), 9 + number % 8),
            ))
    return sample


def demo_answers(rng: random.Random, wave: str, role: str) -> dict[str, object]:
    """Return one respondent's invented answers, drawn with `RATES`."""
    factor = 1.0 if wave == "start" else END_FACTOR["volunteer" if role == "volunteer" else "tutor"]
    answers: dict[str, object] = {}
    for stage_id, _label in SURVEY_STAGES:
        answers[stage_field(stage_id)] = [problem for problem, _label in PROBLEMS
                                          if rng.random() < RATES.get((stage_id, problem), BASE_RATE) * factor]
    answers["other_problems"] = rng.choice(OTHER_PROBLEMS)
    answers["wishes"] = rng.choice(WISHES)
    return answers


def add_demo_survey_responses(store: Store, seed: int = SEED) -> list[SurveyResponse]:
    """Store the demo sample in `store` and return it; adding it twice stores each response once."""
    return [save_response(store, response) for response in demo_survey_responses(seed)]
