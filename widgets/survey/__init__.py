"""Surveys as Voilà apps: form definitions rendered by the form engine, saved as survey responses.

    from omt.widgets.survey import show_survey
    display(show_survey("needs_survey_volunteer", open_store()))

Modules: `app` (the link's key, wave and language, and the page), `view` (the survey on the page)
and `target` (its saving as a survey response).
"""

from omt.widgets.survey.app import show_survey, survey_form_for, survey_request
from omt.widgets.survey.target import SurveyTarget
from omt.widgets.survey.view import SurveyView

__all__ = ["SurveyTarget", "SurveyView", "show_survey", "survey_form_for", "survey_request"]
