"""Where a valid form is saved: the save target named by the definition's `saves_to`.

A target has one method, `save(form, answers)`, which writes the answers and returns the record
saved, and `confirmation(record)`, which returns the heading and reference shown after saving. A
target rejects answers that only the store can check, such as an id already taken, by raising
`AnswerProblems`: the form then shows each message beside its field and writes nothing.

- `SubmissionTarget` (`saves_to: submission`, the default) stores a submission of the placement,
  once per form fill, and a revision when the answers change after saving.
- `PlacementTarget` (`saves_to: placement`) creates a placement in the registry from answers named
  like the fields of `omt.store.Placement`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Protocol

from omt.errors import NotFoundError, OmtError, ValidationError
from omt.store import Placement, Store, Submission
from omt.widgets.forms.i18n import _

if TYPE_CHECKING:
    from omt.widgets.forms.form import FormView

PLACEMENT_FIELDS = {field.name for field in dataclasses.fields(Placement)}


class AnswerProblems(OmtError):
    """The store rejected answers; `problems` maps a field name to the message to show beside it."""

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name}: {message}" for name, message in problems.items()))


class SaveTarget(Protocol):
    def save(self, form: FormView, answers: dict[str, Any]) -> Any: ...

    def confirmation(self, record: Any) -> tuple[str, str]: ...


class SubmissionTarget:
    """Stores the answers as a submission of the form's placement."""

    def __init__(self, store: Store):
        self.store = store

    def save(self, form: FormView, answers: dict[str, Any]) -> Submission:
        if form.saved is not None and answers != form.saved.answers:
            return self.store.revise(form.placement_id, form.submission_id, answers, edited_by=form.author_id)
        definition = form.definition
        return self.store.submit(
            form.placement_id, definition.form_id, answers, author_id=form.author_id, role=definition.role,
            language=form.language, form_version=definition.version, submission_id=form.submission_id,
        )

    def confirmation(self, record: Submission) -> tuple[str, str]:
        heading = _("Saved.") if record.revision == 1 else _("Changes saved as revision {revision}.").format(
            revision=record.revision)
        return heading, _("Reference: {submission_id}").format(submission_id=record.submission_id)


class PlacementTarget:
    """Creates a placement in the registry; saving again after a change updates that placement."""

    def __init__(self, store: Store, status: str = "planned"):
        self.store = store
        self.status = status

    def save(self, form: FormView, answers: dict[str, Any]) -> Placement:
        values = {name: value for name, value in answers.items() if name in PLACEMENT_FIELDS}
        placement = Placement(**{"status": self.status, **values})
        previous = form.saved.placement_id if form.saved is not None else None
        if placement.placement_id != previous and self._exists(placement.placement_id):
            raise AnswerProblems({"placement_id": _("Placement {placement_id} already exists; choose another id.")
                                  .format(placement_id=placement.placement_id)})
        try:
            return self.store.save_placement(placement)
        except ValidationError as error:
            # The registry checks roles and references; its messages name the value and the problem.
            raise AnswerProblems(error.problems) from None

    def _exists(self, placement_id: str) -> bool:
        try:
            self.store.placement(placement_id)
        except NotFoundError:
            return False
        return True

    def confirmation(self, record: Placement) -> tuple[str, str]:
        return (_("Placement {placement_id} registered.").format(placement_id=record.placement_id),
                _("Reference: {placement_id}").format(placement_id=record.placement_id))


def target_for(saves_to: str, store: Store) -> SaveTarget:
    """Return the target that a definition's `saves_to` names."""
    if saves_to == "placement":
        return PlacementTarget(store)
    return SubmissionTarget(store)
