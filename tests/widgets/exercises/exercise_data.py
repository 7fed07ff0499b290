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

ORDERING = {
    "id": "journey_stages",
    "kind": "ordering",
    "prompt": "Put the stages in order.",
    "items": [
        {"id": "preparation", "text": "Preparation", "why": "First comes preparation."},
        {"id": "arrival", "text": "Arrival and induction", "why": "Then the arrival."},
        {"id": "support", "text": "Regular support", "why": "Support runs all along."},
        {"id": "return", "text": "Return and follow-up", "why": "The sending organisation debriefs."},
    ],
}

SCENARIO = {
    "id": "late_call",
    "kind": "scenario",
    "prompt": "A volunteer calls late at night.",
    "start": "call",
    "steps": [
        {"id": "call", "text": "Minh calls at 23:00: he feels unsafe.", "choices": [
            {"id": "listen", "text": "Listen and ask where he is", "recommended": True,
             "consequence": "He calms down and tells you.", "next": "plan"},
            {"id": "tomorrow", "text": "Ask him to call back tomorrow",
             "consequence": "He hangs up, alone with the problem.", "next": "plan"},
        ]},
        {"id": "plan", "text": "What next?", "choices": [
            {"id": "escalate", "text": "Inform the host coordinator", "recommended": True,
             "consequence": "The host finds him a room for the night."},
            {"id": "nothing", "text": "Do nothing more", "consequence": "The problem comes back."},
        ]},
    ],
}

REFLECTION = {
    "id": "my_welcome",
    "kind": "reflection",
    "prompt": "How do you welcome a volunteer?",
    "min_words": 5,
    "max_words": 12,
    "compare_with": ["Name a mentor before arrival.", "Plan the first mentor meeting."],
}

SELF_ASSESSMENT = {
    "id": "confidence",
    "kind": "self_assessment",
    "prompt": "How confident are you?",
    "statements": [
        {"id": "listen", "text": "I listen without judging.", "tip": "Practise active listening."},
        {"id": "escalate", "text": "I know the escalation chain."},
    ],
}

CHECKLIST = {
    "id": "arrival_list",
    "kind": "checklist",
    "prompt": "Build your arrival checklist.",
    "min_items": 2,
    "bank": [
        {"id": "contacts", "text": "Share the 24-hour contact", "essential": True, "why": "Emergencies happen."},
        {"id": "tour", "text": "Walk around the neighbourhood"},
        {"id": "meeting", "text": "Book the first mentor meeting", "essential": True, "why": "It sets trust."},
    ],
}
