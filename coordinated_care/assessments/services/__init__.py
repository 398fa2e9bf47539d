"""Assessment and sign-off: every rule and every state change of the app (ADR 7)."""

from .caseload import caseload, record_look
from .completion import completion, is_complete
from .status import criterion_outcomes, criterion_states

__all__ = ["caseload", "completion", "criterion_outcomes", "criterion_states", "is_complete", "record_look"]
