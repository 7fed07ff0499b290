"""The trainee behind the exercises: their name, and the attempts the store keeps for them."""

from __future__ import annotations

import getpass
import os
import socket
from collections.abc import Callable
from typing import Any

from omt.store import Attempt, Store

TRAINEE_ENV = "OMT_TRAINEE"


def current_profile() -> str:
    """Return `user@host`, the profile under which this account's trainee name is remembered."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        # A container may run under a user id with no login name: share one profile per machine.
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


class TrainingSession:
    """One trainee working through one training module, and the store that keeps their attempts.

    The trainee's name comes from the OMT_TRAINEE environment variable when it is set (for tests
    and shared demo machines), otherwise from the name saved for this profile in the store.
    """

    def __init__(self, store: Store, module: str, profile: str | None = None):
        self.store = store
        self.module = module
        self.profile = profile or current_profile()
        self._listeners: list[Callable[[], None]] = []

    @staticmethod
    def name_from_environment() -> str | None:
        return os.environ.get(TRAINEE_ENV, "").strip() or None

    def trainee(self) -> str | None:
        """Return the trainee's name, or None when they have not given it yet."""
        return self.name_from_environment() or self.store.trainee_name(self.profile)

    def save_trainee(self, name: str) -> str:
        """Remember `name` for this profile and tell every exercise that the trainee changed."""
        saved = self.store.save_trainee_name(self.profile, name)
        for listener in list(self._listeners):
            listener()
        return saved

    def on_trainee_change(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def last_attempt(self, exercise_id: str) -> Attempt | None:
        """Return the trainee's latest attempt at one exercise of this module, if any."""
        trainee = self.trainee()
        if trainee is None:
            return None
        attempts = [attempt for attempt in self.store.attempts(trainee, self.module)
                    if attempt.exercise_id == exercise_id]
        # NOTE: the store keeps answered_at to the second, so of two attempts in the same second
        # this takes the one the store lists last, which is usually, not surely, the later one.
        return attempts[-1] if attempts else None

    def record(self, exercise_id: str, answer: Any, correct: bool) -> Attempt | None:
        """Store one attempt for the current trainee; return None when no name was given yet."""
        trainee = self.trainee()
        if trainee is None:
            return None
        attempt = Attempt(trainee=trainee, module=self.module, exercise_id=exercise_id,
                          answer=answer, correct=correct)
        return self.store.record_attempt(attempt)
