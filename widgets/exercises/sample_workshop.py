"""A small fictional workshop, so that the trainer view shows something before any trainee answers.

Four trainees from the partner organisations took modules 01 and 02 on two fixed days. The answers
use the ids of the course's question files; if those change, the affected attempts simply stop
counting (see `progress`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from omt.store import Attempt, Store

DAY_ONE = dt.datetime(2027, 3, 10, 9, tzinfo=dt.timezone.utc)
RIGHT_MATCHING_01 = {"recruit_prepare": "sending", "tasks_schedule": "hosting", "guide_work": "task_supervisor",
                     "mentor_meetings": "mentor", "grant_insurance": "coordinating",
                     "learning_outcomes": "volunteer", "debrief": "sending"}
RIGHT_ORDER_02 = ["preparation", "arrival", "on_arrival_training", "regular_support", "mid_term",
                  "final_evaluation", "return"]

# (trainee, module, exercise id, answer, correct), in the order they were answered.
SAMPLE_ATTEMPTS: tuple[tuple[str, str, str, Any, bool | None], ...] = (
    ("Camille Roux", "01_actors_and_roles", "first_contact", "task_supervisor", False),
    ("Camille Roux", "01_actors_and_roles", "first_contact", "mentor", True),
    ("Camille Roux", "01_actors_and_roles", "who_does_what", {**RIGHT_MATCHING_01, "guide_work": "mentor"}, False),
    ("Camille Roux", "01_actors_and_roles", "mentor_role", ["first_contact", "listen", "reflect"], True),
    ("Camille Roux", "01_actors_and_roles", "next_step", "sending", True),
    ("Trần Minh Thư", "01_actors_and_roles", "first_contact", "task_supervisor", False),
    ("Trần Minh Thư", "01_actors_and_roles", "who_does_what", {**RIGHT_MATCHING_01, "guide_work": "mentor",
                                                                "grant_insurance": "sending"}, False),
    ("Trần Minh Thư", "01_actors_and_roles", "next_step", "coordinating", False),
    ("Alessandro Greco", "01_actors_and_roles", "first_contact", "mentor", True),
    ("Alessandro Greco", "01_actors_and_roles", "who_does_what", RIGHT_MATCHING_01, True),
    ("Alessandro Greco", "01_actors_and_roles", "mentor_role", ["first_contact", "listen", "reflect",
                                                                "weekly_tasks"], False),
    ("Alessandro Greco", "01_actors_and_roles", "next_step", "coordinating", False),
    ("Alessandro Greco", "02_placement_journey", "journey_order",
     ["preparation", "on_arrival_training", "arrival", "regular_support", "mid_term", "final_evaluation",
      "return"], False),
    ("Alessandro Greco", "02_placement_journey", "quiet_weekends",
     [{"step": "noticed", "choice": "wait_meeting"}, {"step": "meeting", "choice": "plan_together"},
      {"step": "inform", "choice": "tell_anan_matteo"}], False),
    ("Kanya Srisuk", "01_actors_and_roles", "first_contact", "mentor", True),
    ("Kanya Srisuk", "02_placement_journey", "journey_order", RIGHT_ORDER_02, True),
    ("Kanya Srisuk", "02_placement_journey", "quiet_weekends",
     [{"step": "noticed", "choice": "wait_meeting"}, {"step": "meeting", "choice": "reassure"},
      {"step": "inform", "choice": "tell_anan_matteo"}], False),
    ("Kanya Srisuk", "02_placement_journey", "journey_confidence",
     {"preparation": 4, "arrival": 3, "support": 2, "mid_term": 2, "return": 3}, None),
)


def record_sample_workshop(store: Store) -> None:
    """Store the sample workshop's attempts, one minute apart from DAY_ONE."""
    for index, (trainee, module, exercise_id, answer, correct) in enumerate(SAMPLE_ATTEMPTS):
        answered_at = DAY_ONE + dt.timedelta(minutes=index)
        store.record_attempt(Attempt(trainee, module, exercise_id, answer, correct, answered_at=answered_at))
