"""`scan_existing` reads all the stored free text (issue 16, item 7): every model an app registers
with `confidentiality.registry` is checked, and an NHS number planted in each registered field of
each of them is found. The list of what must be registered is written out here, so that a model
dropped from its app's registrations fails this test rather than going unread."""

import datetime
import io
import uuid

import pytest
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from coordinated_care.confidentiality.registry import registrations

NHS_NUMBER = "943 476 5919"

# Every model whose free text people write through the service's forms, and the fields of it.
MUST_BE_REGISTERED = {
    "assessments.AgreedAction": ("title",),
    "assessments.Assessment": ("comments", "reflection"),
    "assessments.Review": ("content",),
    "assessments.SignOffRequest": ("note",),
    "assessments.SignatureWithdrawal": ("reason",),
    "feedback.FeedbackResponse": ("did_well", "do_differently", "their_role", "input"),
    "feedback.ResponseEvidenceLink": ("how_it_shows",),
    "portfolios.Attachment": ("original_name",),
    "portfolios.Draft": ("data",),
    "portfolios.Entry": ("title", "content"),
    "portfolios.EntryVersion": ("title", "content"),
    "portfolios.EvidenceLink": ("how_it_shows",),
    "programmes.AccreditedTraining": ("provider",),
    "programmes.Cohort": ("name",),
    "programmes.Workshop": ("theme", "location"),
    "roles.ChecklistEntry": ("owner", "notes"),
    "roles.Course": ("title",),
    "roles.RoleProfileVersion": ("title", "purpose", "setting", "band", "hours", "duties"),
    "roles.SelfEvaluation": ("objectives",),
    "roles.Service": ("name",),
    "roles.Session": ("title", "learning_outcomes"),
}


def test_every_model_with_written_text_is_registered():
    registered = {r.label: r.fields for r in registrations()}
    assert {label: registered.get(label) for label in MUST_BE_REGISTERED} == MUST_BE_REGISTERED


def _value(field, counter):
    """A valid value for a required field nobody set: just enough for a row to be stored."""
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.EmailField):
        return f"person{counter}@example.invalid"
    if isinstance(field, models.CharField | models.TextField):
        return f"x{counter}"[: field.max_length or 50]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date(2027, 3, 3)
    if isinstance(field, models.DecimalField):
        return 1
    if isinstance(field, models.IntegerField | models.FloatField):
        return 1
    if isinstance(field, models.BinaryField):
        return b""
    if isinstance(field, models.FileField):
        return f"planted/{counter}.txt"
    raise AssertionError(f"no value for {field!r}")


COUNTER = iter(range(1, 100_000))
# Optional relations a check constraint needs: a signature signs an assessment or a review, by a signer.
ALSO_SET = {"assessments.Signature": {"review", "signer"}}


def build(model, planted=None):
    """A stored row of `model`, its required relations taken from the rows the fixtures made (or
    built the same way), through bulk_create: no save() or signal of the app runs, so nothing but
    the table is needed."""
    values = dict(planted or {})
    must_set = ALSO_SET.get(model._meta.label, set())
    # Relations in a unique constraint get a row of their own too, so the row built never clashes.
    together = {name for names in model._meta.unique_together for name in names} | {
        name for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) for name in c.fields
    }
    for field in model._meta.concrete_fields:
        if field.name in values:
            continue
        if field.primary_key or field.has_default() or (field.null and field.name not in must_set):
            continue
        if isinstance(field, models.DateTimeField | models.DateField) and (field.auto_now or field.auto_now_add):
            continue
        if field.is_relation:
            related = field.related_model
            # A one-to-one (or unique) relation needs a row of its own; any other reuses the first.
            existing = (
                None if field.unique or field.name in together else related._default_manager.order_by("pk").first()
            )
            values[field.name] = existing or build(related)
        else:
            values[field.name] = _value(field, next(COUNTER))
    [row] = model._default_manager.bulk_create([model(**values)])
    if row.pk is None:
        row = model._default_manager.order_by("-pk").first()
    return row


@pytest.mark.django_db
def test_an_nhs_number_planted_in_every_registered_field_is_found(enrolment):
    planted = []
    for registration in registrations():
        values = {}
        for field_name in registration.fields:
            field = registration.model._meta.get_field(field_name)
            json = isinstance(field, models.JSONField)
            values[field_name] = {"part": f"Seen with NHS number {NHS_NUMBER}."} if json else NHS_NUMBER
        row = build(registration.model, values)
        planted += [(registration.label, row.pk, field_name) for field_name in registration.fields]
    out = io.StringIO()
    call_command("scan_existing", "--blocking-only", stdout=out)
    report = out.getvalue()
    found = set()
    for line in report.splitlines():
        where, _, problems = line.partition(": ")
        for problem in problems.split("; "):
            if "NHS_NUMBER" in problem:
                found.add((where, problem.split("[")[0].split(".")[0]))
    missing = [
        f"{label}.{field_name}" for (label, pk, field_name) in planted if (f"{label} {pk}", field_name) not in found
    ]
    assert missing == [], report
    assert NHS_NUMBER not in report  # where it is and what kind, never the number itself
