"""The box where trainees give their name once; the store remembers it for their account.

CSS classes: `omt-trainee` on the box, `omt-trainee-name` on the text field, `omt-trainee-save` on
the button and `omt-trainee-status` on the line that says under which name answers are saved.
"""

from __future__ import annotations

import html
import logging

import ipywidgets as widgets

from omt.errors import OmtError
from omt.widgets.exercises.base import Displayable, styled
from omt.widgets.exercises.session import TrainingSession

log = logging.getLogger(__name__)

# The store rejects longer names (see Attempt.validate). Checking here first gives a clearer message.
MAX_NAME_LENGTH = 80


class TraineeNameBox(Displayable):
    """A text field and a button to give the trainee's name, and a line saying who is working."""

    def __init__(self, session: TrainingSession):
        self.session = session
        self.name_input = styled(widgets.Text(description="Your name", placeholder="First and last name"),
                                 "omt-trainee-name")
        self.save_button = styled(widgets.Button(description="Save my name"), "omt-trainee-save")
        self.status = styled(widgets.HTML(), "omt-trainee-status")
        self.widget = styled(widgets.VBox([widgets.HBox([self.name_input, self.save_button]), self.status]),
                             "omt-trainee")
        self.save_button.on_click(lambda _button: self.save())
        self.show_current()

    def plain_text(self) -> str:
        return "Trainee name box"

    def show_current(self) -> None:
        """Fill the field with the known name and say how answers are saved."""
        name = self.session.trainee()
        from_environment = self.session.name_from_environment() is not None
        self.name_input.value = name or ""
        self.name_input.disabled = self.save_button.disabled = from_environment
        if name is None:
            self._say("Enter your name and click “Save my name”. Your answers are then saved, and "
                      "shown again when you come back to this module.")
        elif from_environment:
            self._say(f"You are working as <b>{html.escape(name)}</b>; this name was set for this "
                      "computer by the person who runs the course.", escape=False)
        else:
            self._say(f"You are working as <b>{html.escape(name)}</b>. Your answers are saved under this "
                      "name. To change it, type another name and save it.", escape=False)

    def save(self) -> str | None:
        """Save the name typed in the field and return it, or None when it was rejected."""
        name = self.name_input.value.strip()
        if not name:
            self._say("Enter your name first.")
            return None
        if len(name) > MAX_NAME_LENGTH:
            self._say(f"This name has {len(name)} characters; shorten it to {MAX_NAME_LENGTH} or fewer.")
            return None
        try:
            self.session.save_trainee(name)
        except OmtError:
            log.warning("trainee name for profile %s not saved", self.session.profile, exc_info=True)
            self._say("Your name could not be saved just now. Try again in a moment; if this keeps "
                      "happening, tell the person who runs the course.")
            return None
        self.show_current()
        return name

    def _say(self, text: str, escape: bool = True) -> None:
        self.status.value = f"<p>{html.escape(text) if escape else text}</p>"
