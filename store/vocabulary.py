"""The field's fixed vocabularies: roles, statuses, languages and the eight key competences."""

ORGANISATION_ROLES = ("sending", "hosting", "coordinating")

PERSON_ROLES = ("volunteer", "mentor", "task_supervisor", "coordinator", "youth_worker")

PLACEMENT_STATUSES = ("planned", "on_site", "returned", "interrupted")

LANGUAGES = ("en", "fr", "it", "vi", "th")

COUNTRIES = {"FR": "France", "IT": "Italy", "VN": "Vietnam", "TH": "Thailand", "US": "United States"}

# The eight key competences for lifelong learning, EU Council Recommendation of 22 May 2018.
KEY_COMPETENCES = (
    ("literacy", "Literacy competence"),
    ("multilingual", "Multilingual competence"),
    ("mathematics_science", "Mathematical competence and competence in science, technology and engineering"),
    ("digital", "Digital competence"),
    ("personal_social_learning", "Personal, social and learning to learn competence"),
    ("citizenship", "Citizenship competence"),
    ("entrepreneurship", "Entrepreneurship competence"),
    ("cultural_awareness", "Cultural awareness and expression competence"),
)
