"""The patient feedback summary as plain data, for signing and for the portfolio document
(`feedback.summary_data`, where it is computed once for every app that reads it), and its period in
words."""

import datetime

from coordinated_care.core import dates
from coordinated_care.feedback.summary_data import plain_summary, summary_data

__all__ = ["period_text", "plain_summary", "summary_data"]


def period_text(data):
    """ "from 3 March 2026 to 12 May 2026", or "on 3 March 2026", or ""."""
    if not data.get("first"):
        return ""
    first, last = (dates.date(datetime.date.fromisoformat(d)) for d in (data["first"], data["last"]))
    return f"on {first}" if first == last else f"from {first} to {last}"
