"""Question data for the exercise tests, built in memory: small, with short reasons to look for."""

from __future__ import annotations

from typing import Any

PROFILE = "trainee@test-machine"


def question_data(*questions: dict[str, Any]) -> dict[str, Any]:
    return {"module": "99_test_module", "title": "Test module", "questions": list(questions)}


SINGLE = {
    "id": "first_contact",
    "kind": "single_choice",
    "prompt": "Who is the volunteer's first contact for problems?",
    "options": [
        {"id": "mentor", "text": "The mentor", "correct": True, "why": "Mentors give personal support."},
        {"id": "supervisor", "text": "The task supervisor", "correct": False, "why": "Supervisors guide work."},
        {"id": "sending", "text": "The sending organisation", "correct": False, "why": "It mediates later."},
    ],
}

MULTIPLE = {
    "id": "mentor_role",
    "kind": "multiple_choice",
    "prompt": "Which belong to the mentor?",
    "options": [
        {"id": "listen", "text": "Listening", "correct": True, "why": "Personal support."},
        {"id": "reflect", "text": "Learning reflection", "correct": True, "why": "Learning support."},
        {"id": "tasks", "text": "Setting tasks", "correct": False, "why": "The host sets tasks."},
    ],
}

MATCHING = {
    "id": "who_does_what",
    "kind": "matching",
    "prompt": "Match each task to a party.",
    "choices": [
        {"id": "sending", "label": "Sending organisation"},
        {"id": "hosting", "label": "Hosting organisation"},
        {"id": "mentor", "label": "Mentor"},
    ],
    "rows": [
        {"id": "prepare", "text": "Pre-departure training", "answer": "sending", "why": "Sending prepares."},
        {"id": "schedule", "text": "Sets the schedule", "answer": "hosting", "why": "Hosting sets tasks."},
        {"id": "meetings", "text": "Regular support meetings", "answer": "mentor", "why": "Mentor supports."},
    ],
}
