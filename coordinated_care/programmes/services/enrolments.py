"""Enrolling a learner on a cohort, making their account first if they have none."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from coordinated_care.accounts.models import Role, User
from coordinated_care.accounts.services import account_for_address, grant_role
from coordinated_care.programmes.models import Enrolment

from .cohorts import enrol


@dataclass(frozen=True)
class EnrolmentResult:
    enrolment: Enrolment
    account_created: bool


def normalise_email(email):
    return User.objects.normalize_email((email or "").strip()).lower()


@transaction.atomic
def enrol_learner(
    *,
    cohort,
    email,
    full_name="",
    practice,
    facilitator,
    supervisor=None,
    additional_signatory_name="",
    additional_signatory_email="",
):
    """Enrol the person with this e-mail address, creating their account (with no password:
    they set one through "Forgotten your password?") if there is none, and give them the
    learner role at their practice. All of it happens, or none of it.

    Raises ValidationError with a plain-English message; its `code` says which answer is wrong:
    "full_name_required", "already_enrolled", "self_assessment", "not_facilitator" or
    "address_unconfirmed" (someone added the address to their account without confirming it)."""
    email = normalise_email(email)
    # Only the person who confirmed the address (or an account made for it and never used): never
    # someone who merely added it to their own account (ADR 13).
    learner = account_for_address(email)
    account_created = False
    if learner is None:
        full_name = (full_name or "").strip()
        if not full_name:
            raise ValidationError(
                "Enter the learner's full name: there is no account for this e-mail address yet.",
                code="full_name_required",
            )
        learner = User.objects.create_user(email=email, full_name=full_name)
        account_created = True
    elif Enrolment.objects.filter(cohort=cohort, learner=learner).exists():
        raise ValidationError(f"{learner.display_name} is already enrolled on this cohort.", code="already_enrolled")
    enrolment = enrol(
        cohort=cohort,
        learner=learner,
        practice=practice,
        facilitator=facilitator,
        supervisor=supervisor,
        additional_signatory_name=(additional_signatory_name or "").strip(),
        additional_signatory_email=normalise_email(additional_signatory_email) if additional_signatory_email else "",
    )
    grant_role(learner, Role.LEARNER, practice)
    return EnrolmentResult(enrolment=enrolment, account_created=account_created)
