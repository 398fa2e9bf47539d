"""Presenters: what each page and include of the app shows, in a fixed number of queries."""

from .caseload import caseload_page, caseload_summary, supervisor_waiting
from .completion import completion_panel
from .record_signatures import entry_panel, supervisor_todo
from .reviews import review_page, reviews_page
from .sign_offs import ask_page, criterion_panel, decision_preview, request_page
from .signatures import signature_line, status_tag

__all__ = [
    "ask_page",
    "caseload_page",
    "caseload_summary",
    "completion_panel",
    "entry_panel",
    "criterion_panel",
    "decision_preview",
    "request_page",
    "review_page",
    "reviews_page",
    "signature_line",
    "status_tag",
    "supervisor_todo",
    "supervisor_waiting",
]
