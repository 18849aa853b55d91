"""The errors services raise. Each carries a message fit to show the user, already translated."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class ServiceError(Exception):
    """Something the user asked for cannot be done; ``str(err)`` says why."""


class ValidationError(ServiceError):
    """Input refused: ``errors`` maps each offending field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {msg}" for field, msg in self.errors.items()))


class NotFoundError(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class TransitionRefused(ServiceError):
    """A state change (stage, status) was refused; ``missing`` lists what it still needs."""

    def __init__(self, message: str, missing: Sequence[str] = ()) -> None:
        self.missing = list(missing)
        detail = "\n".join(f"• {m}" for m in self.missing)
        super().__init__(f"{message}\n{detail}" if detail else message)
