"""Surveys as Voilà apps: form definitions rendered by the form engine, saved as survey responses.

    from omt.widgets.survey import show_survey
    display(show_survey("needs_survey_volunteer", open_store()))

Modules: `view` (the survey on the page and its saving) and `app` (the link's parameters and the page).
"""

from omt.widgets.survey.app import show_survey, survey_request
from omt.widgets.survey.view import SurveyView

__all__ = ["SurveyView", "show_survey", "survey_request"]
