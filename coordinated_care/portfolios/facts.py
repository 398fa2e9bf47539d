"""A portfolio's progress facts, kept beside it so that lists of many portfolios read one row each.

`progress.progress_counts` counts from the portfolio itself in fifteen queries, whatever the number
of portfolios; the cohort dashboard, the cohort page, the organisation dashboard and the supporters'
home pages read it on every request. The facts it finds that belong to one enrolment (evidence
per criterion, outcomes per criterion, what counts towards each kind of required document, the
open actions' dates, workshops attended) are stored here as one JSON row per enrolment
(`ProgressFacts`), and the programme's structure (its criteria and required documents) is read
beside them as it is today.

Kept current without every write path knowing: any save or delete of a model of an app that
provides progress (but for models that say `counts_in_progress = False`: a facilitator's last look,
a feedback request) (portfolios, the apps registered through `providers.register_progress`, and the
programme's enrolments, cohorts, attendance and values) bumps the `version` of the enrolments it
belongs to, in the writer's own transaction. A row is fresh when the version it was computed at
is its version now; a stale or missing row is computed again when it is next read. The version is
read before the facts are computed and the result is written only if the version is unchanged, so
a change committed while they were being computed leaves the row stale rather than wrong.

Writes that bypass the model's signals (`QuerySet.update`, `bulk_create`) call `changed()` for the
enrolments they touch; `python manage.py check_progress_facts` compares every stored row with a
fresh count."""

import datetime
from dataclasses import dataclass

from django.db.models import Case, F, JSONField, Value, When
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import providers

# The programme's models whose changes alter a portfolio's facts: an enrolment (its cohort), a
# cohort (moved to another version of its programme), attendance, the values of the worksheet.
PROGRAMME_MODELS = {
    ("programmes", "enrolment"),
    ("programmes", "cohort"),
    ("programmes", "attendance"),
    ("programmes", "personcentredvalue"),
}
# How deep to follow foreign keys from a changed object to the enrolment it belongs to (a
# signature's withdrawal → the signature → its enrolment).
DEPTH = 3
# Rows written back in one UPDATE.
WRITE_BATCH = 200


def watched_apps():
    """The apps whose models' changes may change a portfolio's progress: portfolios and those that
    provide to it (read when a change happens, so the order the apps register in does not matter)."""
    return {"portfolios", *(p.app_label for p in providers.progress_providers() if p.app_label)}


def _facts_model():
    from .models import ProgressFacts

    return ProgressFacts


def _enrolment_filter(instance):
    """A filter of ProgressFacts for the enrolments `instance` belongs to, or None."""
    meta = instance._meta
    key = (meta.app_label, meta.model_name)
    if key == ("programmes", "enrolment"):
        return {"enrolment_id": instance.pk}
    if key == ("programmes", "cohort"):
        return {"enrolment__cohort_id": instance.pk}
    if key == ("programmes", "personcentredvalue"):
        return {"enrolment__cohort__programme_id": instance.programme_id}
    if meta.app_label == "programmes" and key not in PROGRAMME_MODELS:
        return None
    if meta.app_label != "programmes" and meta.app_label not in watched_apps():
        return None
    if key == ("portfolios", "progressfacts") or not getattr(instance, "counts_in_progress", True):
        return None
    enrolment_id = getattr(instance, "enrolment_id", None)
    if enrolment_id is not None:
        return {"enrolment_id": enrolment_id}
    return _follow(instance, DEPTH, watched_apps())


def _follow(instance, depth, apps):
    """Follow the instance's foreign keys into the watched apps to an object with an enrolment:
    a subquery filter, or None when there is none (a draft's author is not followed)."""
    if depth == 0:
        return None
    for field in instance._meta.concrete_fields:
        if not field.many_to_one:
            continue
        related = field.related_model
        value = getattr(instance, field.attname)
        if value is None or related is None or related._meta.app_label not in apps:
            continue
        if any(f.attname == "enrolment_id" for f in related._meta.concrete_fields):
            return {"enrolment_id__in": related._base_manager.filter(pk=value).values("enrolment_id")}
        try:
            parent = getattr(instance, field.name)
        except related.DoesNotExist:
            continue
        found = _follow(parent, depth - 1, apps)
        if found is not None:
            return found
    return None


def changed(**lookup):
    """Mark the facts of the enrolments the lookup names (`enrolment_id=…`, `enrolment_id__in=…`,
    `enrolment__cohort_id=…`) as needing a new count."""
    _facts_model().objects.filter(**lookup).update(version=F("version") + 1)


def _on_change(sender, instance, raw=False, created=False, **kwargs):
    if created and (instance._meta.app_label, instance._meta.model_name) == ("programmes", "enrolment"):
        # A new portfolio's row, to be counted when first read: the first read then costs what
        # any read after a change costs.
        _facts_model().objects.bulk_create([_facts_model()(enrolment_id=instance.pk)], ignore_conflicts=True)
        return
    found = _enrolment_filter(instance)
    if found is not None:
        changed(**found)


def connect():
    post_save.connect(_on_change, dispatch_uid="portfolios.facts.save")
    post_delete.connect(_on_change, dispatch_uid="portfolios.facts.delete")


# What is stored, as progress.portfolio_facts writes it: {"evidence": {criterion id: n},
# "outcomes": {criterion id: status}, "documents": {kind: [count, started]}, "open_actions":
# [[entry id, due date]], "attended": n}.


@dataclass(frozen=True)
class OverdueAction:
    """An open action past its date, as the lists count it (the learner's own pages load the
    entries themselves)."""

    pk: int
    due_on: datetime.date


def overdue_from(facts, today):
    actions = [OverdueAction(pk, datetime.date.fromisoformat(day)) for pk, day in facts.get("open_actions", [])]
    return sorted((a for a in actions if a.due_on < today), key=lambda a: (a.due_on, a.pk))


def stored(enrolments, compute):
    """{enrolment id: facts dict} for the enrolments, computing with `compute(enrolments)` (→
    {enrolment id: facts dict}) those whose row is stale or missing, and storing what it finds
    where nothing changed meanwhile. One query when every row is fresh (none when the enrolments
    were loaded with select_related("progress_facts"))."""
    ProgressFacts = _facts_model()
    by_id = {e.pk: e for e in enrolments}
    rows = {}
    unloaded = []
    for enrolment in by_id.values():
        if "progress_facts" in enrolment._state.fields_cache:
            row = enrolment._state.fields_cache["progress_facts"]
            if row is not None:
                rows[enrolment.pk] = row
        else:
            unloaded.append(enrolment.pk)
    if unloaded:
        rows.update(ProgressFacts.objects.in_bulk(unloaded))
    result = {pk: row.facts for pk, row in rows.items() if row.computed_version == row.version}
    stale = [pk for pk in by_id if pk not in result]
    if not stale:
        return result
    missing = [pk for pk in stale if pk not in rows]
    if missing:
        ProgressFacts.objects.bulk_create(
            [ProgressFacts(enrolment_id=pk) for pk in missing], ignore_conflicts=True, batch_size=500
        )
    versions = dict(ProgressFacts.objects.filter(enrolment_id__in=stale).values_list("enrolment_id", "version"))
    computed = compute([by_id[pk] for pk in stale])
    now = timezone.now()
    for start in range(0, len(stale), WRITE_BATCH):
        batch = [pk for pk in stale[start : start + WRITE_BATCH] if pk in versions]
        if not batch:
            continue
        # One UPDATE for the batch, each row written only at the version read before counting.
        version_read = Case(*[When(enrolment_id=pk, then=Value(versions[pk])) for pk in batch])
        ProgressFacts.objects.filter(enrolment_id__in=batch, version=version_read).update(
            facts=Case(*[When(enrolment_id=pk, then=Value(computed[pk], JSONField())) for pk in batch]),
            computed_version=version_read,
            computed_at=now,
        )
    result.update(computed)
    return result
