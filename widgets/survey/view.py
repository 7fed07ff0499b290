"""A survey on the page: a form of the form engine, sent once, with an "Answer anonymously" checkbox.

`SurveyView` is a `FormView` that is sent once (see `omt.widgets.forms.form`) and saves through
`SurveyTarget` (see `omt.widgets.survey.target`). So the fields, their messages, the Send button,
the error summary and the confirmation look and behave exactly as in the placement forms. The view
adds the anonymity checkbox before the name field. Ticking it empties and hides the name field, and
the response then stores neither a name nor a person id.
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from omt.store import Store
from omt.widgets.forms.definition import FormDefinition
from omt.widgets.forms.fields import Field
from omt.widgets.forms.form import FormView, in_form_language
from omt.widgets.forms.i18n import _
from omt.widgets.survey.target import NAME_FIELD, SurveyTarget


class SurveyView(FormView):
    """One survey being filled in, for one wave, by one respondent who may stay anonymous.

    `respondent_id`, the person of the page's access key, is stored with the response unless the
    respondent ticks "Answer anonymously"; without it the response names nobody.
    """

    send_once = True

    def __init__(self, definition: FormDefinition, store: Store, survey_id: str, wave: str,
                 respondent_id: str | None = None, language: str = "en"):
        self.survey_id = survey_id
        self.wave = wave
        super().__init__(definition, store, None, respondent_id, language,
                         target=SurveyTarget(store, survey_id, wave))
        self.name_box: widgets.VBox | None = None
        self._add_anonymity_option()

    @property
    def respondent_id(self) -> str | None:
        return self.author_id

    @property
    def is_anonymous(self) -> bool:
        return bool(self.anonymous.value)

    def field(self, name: str) -> Field | None:
        return next((field for field in self.fields if field.name == name), None)

    def lock(self) -> None:
        super().lock()
        self.anonymous.disabled = True

    def continue_from(self, previous: FormView) -> None:
        """Take over `previous`'s entries and anonymity choice; a survey already sent stays locked."""
        if isinstance(previous, SurveyView):
            self.anonymous.value = previous.anonymous.value
        super().continue_from(previous)
        if self._is_locked():
            self.new_button.layout.display = "none"
            self.lock()
            self._set_saving(False)

    @in_form_language
    def _add_anonymity_option(self) -> None:
        self.anonymous = widgets.Checkbox(value=False, description=_("Answer anonymously"), indent=False)
        self.anonymous.add_class("omt-anonymous")
        self.anonymous.observe(lambda _change: self._apply_anonymity(), names="value")
        # Kept out of the f-string, so that `pybabel extract` finds the message.
        hint = _("Your name and your person id are then not stored.")
        option = [self.anonymous, widgets.HTML(f"<i>{escape(hint)}</i>")]
        children = list(self.widget.children)
        name = self.field(NAME_FIELD)
        if name is None:
            position = children.index(self.fields[0].widget)
            children[position:position] = option
        else:
            # The name goes in a box of its own because the form's relevance rules set the display
            # of every field's own widget on each change, which would show a hidden name again.
            self.name_box = widgets.VBox([name.widget])
            position = children.index(name.widget)
            children[position:position + 1] = [*option, self.name_box]
        self.widget.children = children
        self.widget.add_class("omt-survey")

    def _apply_anonymity(self) -> None:
        name = self.field(NAME_FIELD)
        if name is None or self.name_box is None:
            return
        if self.anonymous.value:
            name.clear()
            name.show_error(None)
        self.name_box.layout.display = "none" if self.anonymous.value else None
