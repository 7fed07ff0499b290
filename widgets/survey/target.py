"""Where a filled survey is saved: a survey response, through `omt.store.surveys.save_response`.

A response belongs to no placement. Three field names fill the response's own fields instead of
its answers: `country`, `role` (a definition without it gives its own `role`, such as
`volunteer`) and `name`, which becomes `respondent_name`. An anonymous response stores neither a
name nor a person id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from omt.store import Store
from omt.store.surveys import SurveyResponse, save_response
from omt.widgets.forms.i18n import _

if TYPE_CHECKING:
    from omt.widgets.survey.view import SurveyView

NAME_FIELD = "name"


class SurveyTarget:
    """Stores the answers as a response to one wave of a survey, once per survey fill."""

    def __init__(self, store: Store, survey_id: str, wave: str):
        self.store = store
        self.survey_id = survey_id
        self.wave = wave

    def save(self, form: SurveyView, answers: dict[str, Any]) -> SurveyResponse:
        return save_response(self.store, self.response(form, answers))

    def response(self, form: SurveyView, answers: dict[str, Any]) -> SurveyResponse:
        """Return the response for validated answers, with `country`, `role` and `name` moved out.

        The form's submission id is the response id, so that sending the same fill again stores
        nothing new.
        """
        answers = dict(answers)
        country = answers.pop("country", None)
        role = answers.pop("role", None) or form.definition.role
        name = answers.pop(NAME_FIELD, "") or ""
        anonymous = form.is_anonymous
        return SurveyResponse(
            survey_id=self.survey_id, wave=self.wave, role=role, country=country, anonymous=anonymous,
            answers=answers, respondent_id=None if anonymous else form.author_id,
            respondent_name="" if anonymous else name, language=form.language, response_id=form.submission_id,
        )

    def confirmation(self, record: SurveyResponse) -> tuple[str, str]:
        detail = (_("You answered anonymously: no name is stored.") if record.anonymous
                  else _("Reference: {response_id}").format(response_id=record.response_id))
        return _("Thank you: your answers were sent."), detail
