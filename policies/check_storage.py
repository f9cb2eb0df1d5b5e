"""Where the check keeps a visitor's answers: the session, created only once there
is an answer to keep.

formtools' session storage marks the session changed on every read and fills it in
on every request, so each plain GET of a step, by a crawler or a passer-by, wrote a
session row; ``AnswerStorage`` keeps an empty set of answers in memory until the
first answer is posted.
"""

from __future__ import annotations

from formtools.wizard.storage.session import SessionStorage


class AnswerStorage(SessionStorage):
    """formtools' session storage, but lazy: until an answer is stored, the answers
    are an empty set kept in memory, and the session is neither created nor saved;
    reading stored answers never marks the session changed."""

    def __init__(self, prefix, request=None, file_storage=None) -> None:
        # Skip SessionStorage.__init__, which writes an empty set to the session.
        super(SessionStorage, self).__init__(prefix, request, file_storage)
        self._unsaved: dict | None = None

    def _get_data(self) -> dict:
        session = self.request.session
        if self.prefix in session:
            return session[self.prefix]
        if self._unsaved is None:
            self._unsaved = {
                self.step_key: None,
                self.step_data_key: {},
                self.step_files_key: {},
                self.extra_data_key: {},
            }
        return self._unsaved

    def _set_data(self, value: dict) -> None:
        self.request.session[self.prefix] = value

    data = property(_get_data, _set_data)

    def reset(self) -> None:
        """Forget the answers: the session keeps nothing of the check."""
        self.request.session.pop(self.prefix, None)
        self._unsaved = None

    def set_step_data(self, step: str, cleaned_data: dict) -> None:
        """Store a step's answers, which puts the answers in the session."""
        data = self.data
        super().set_step_data(step, cleaned_data)
        self.data = data
