"""Progress at a glance (`portfolios/_progress.jinja`) for the learner's home page and the portfolio
overview, rendered once for each state of the portfolio and kept in the cache.

What the fragment shows is decided by:
- the portfolio's stored progress facts (portfolios.facts): every change to the portfolio that
  alters progress (an entry, a link, a sign-off, a signature, a feedback answer, attendance...)
  bumps their `version`, and a recount writes a new `computed_at`;
- the programme's criteria, groups and required documents: a version of a programme that is not
  a draft is never changed (ADR 17), so its id says what they are; a draft's are never cached;
- the cohort's next workshop, which the facts do not cover: read on every request and put in the key;
- today (what is overdue, which workshop is next).
The key holds each of them, so a change to any is a new key and never a stale page; nothing in the
fragment depends on who reads it (the views have decided that they may), so readers share it.
It is cached only when the facts were fresh when read: a count made for this request may have
included a change committed meanwhile, which would leave the row stale rather than the fragment.

Two queries on a hit (the facts, the next workshop) where counting and rendering take five more."""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from markupsafe import Markup

from coordinated_care.programmes.models import Programme, RequiredDocument

from ..models import ProgressFacts
from ..progress import next_workshop, portfolio_progress
from .pages import link_documents

TEMPLATE = "portfolios/_progress.jinja"
# Bumped whenever the fragment's template or what it is given changes, so no old rendering is read.
REVISION = 1
TIMEOUT = 60 * 60 * 24  # a key holds today's date: nothing outlives the day it was made on


@dataclass(frozen=True)
class Glance:
    html: Markup
    criteria_total: int
    criteria_signed_off: int
    final_review_signed: bool  # what the assessment app's completion panel shows beside it


def _facts_row(enrolment):
    """The enrolment's stored facts row (one query), left where progress.progress_counts finds it
    so that counting reads it again for nothing."""
    cached = enrolment._state.fields_cache
    if "progress_facts" not in cached:
        cached["progress_facts"] = ProgressFacts.objects.filter(enrolment_id=enrolment.pk).first()
    return cached["progress_facts"]


def _key(enrolment, row, upcoming, today):
    workshop = (upcoming.pk, upcoming.number, upcoming.theme, upcoming.date, upcoming.location) if upcoming else None
    parts = (
        REVISION,
        str(enrolment.uuid),
        row.version,
        row.computed_at,
        enrolment.cohort.programme_id,
        workshop,
        today,
    )
    return "portfolios:glance:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def progress_glance(enrolment, today=None):
    """The Glance of a portfolio (its enrolment loaded with cohort__programme)."""
    today = today or timezone.localdate()
    row = _facts_row(enrolment)
    upcoming = next_workshop(enrolment, today)
    cacheable = (
        row is not None
        and row.computed_version == row.version
        and enrolment.cohort.programme.status != Programme.Status.DRAFT
    )
    key = _key(enrolment, row, upcoming, today) if cacheable else None
    if key is not None:
        found = cache.get(key)
        if found is not None:
            return Glance(Markup(found["html"]), *found["counts"])
    progress = link_documents(portfolio_progress(enrolment, today, upcoming=upcoming))
    counts = (
        progress.criteria_total,
        progress.criteria_signed_off,
        progress.counted.get(RequiredDocument.Kind.FINAL_REVIEW, 0) >= 1,
    )
    html = render_to_string(TEMPLATE, {"progress": progress})
    if key is not None:
        cache.set(key, {"html": html, "counts": counts}, TIMEOUT)
    return Glance(Markup(html), *counts)


__all__ = ["Glance", "progress_glance"]
