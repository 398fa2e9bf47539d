"""An address is used for signing in, notifications and enrolment only once its owner has confirmed
it; an enrolment never goes to an account whose owner merely added the address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from coordinated_care.accounts.models import Role, RoleAssignment, User
from coordinated_care.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from coordinated_care.programmes.models import Enrolment

UNCONFIRMED = "new.starter@example.test"


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def link_in(message, path):
    return next(word for word in message.body.split() if path in word).split("testserver", 1)[1]


def test_an_unconfirmed_address_does_not_sign_in_and_is_sent_a_link(
    client, practice, django_capture_on_commit_callbacks
):
    learner = RoleAssignmentFactory(organisation=practice, user=UserFactory(verified=False)).user
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, learner)
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "Confirm your e-mail address" in client.get(response["Location"]).content.decode()
    assert client.get("/learner/").status_code == 302
    (message,) = mail.outbox
    assert message.to == [learner.email]

    confirm = link_in(message, "/accounts/confirm-email/")
    page = client.get(confirm)
    assert "Confirm that" in page.content.decode()
    client.post(confirm)
    assert EmailAddress.objects.get(user=learner, email=learner.email).verified
    assert sign_in(Client(), learner)["Location"] == "/"


def test_a_new_address_replaces_the_old_one_only_once_confirmed(learner, signed_in, django_capture_on_commit_callbacks):
    employer = learner  # a person without a second factor: allauth refuses new addresses to those with one
    client = signed_in(employer)
    old = employer.email
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": UNCONFIRMED})
    # It cannot be made the primary address while unconfirmed either.
    client.post(reverse("account_email"), {"action_primary": "", "email": UNCONFIRMED})
    employer.refresh_from_db()
    assert employer.email == old
    assert not EmailAddress.objects.get(email=UNCONFIRMED).verified
    page = client.get(reverse("account_email")).content.decode()
    assert "Your address changes only once you follow it" in page and UNCONFIRMED in page
    (message,) = [m for m in mail.outbox if m.to == [UNCONFIRMED]]
    client.post(link_in(message, "/accounts/confirm-email/"))
    employer.refresh_from_db()
    assert employer.email == UNCONFIRMED


def test_an_enrolment_never_goes_to_someone_who_added_the_address_unconfirmed(
    employer, signed_in, programme_lead, cohort, practice, facilitator
):
    """The probe of issue 11: an employer adds an address they do not hold, and makes it their primary
    one; a lead then enrols a new starter with it."""
    employer_client = signed_in(employer)
    employer_client.post(reverse("account_email"), {"action_add": "", "email": UNCONFIRMED})
    employer_client.post(reverse("account_email"), {"action_primary": "", "email": UNCONFIRMED})
    # allauth refuses a new address to an account with a second factor; had it been added before
    # the employer set one up, it would sit unconfirmed on their account, as here.
    EmailAddress.objects.get_or_create(user=employer, email=UNCONFIRMED, defaults={"verified": False, "primary": False})

    lead = Client()
    lead.force_login(programme_lead, backend="django.contrib.auth.backends.ModelBackend")
    response = lead.post(
        f"/cohorts/{cohort.uuid}/enrol/",
        {
            "learner_email": UNCONFIRMED,
            "learner_full_name": "Nia New-Starter",
            "practice": practice.pk,
            "facilitator": facilitator.pk,
            "supervisor": "",
            "additional_signatory_name": "",
            "additional_signatory_email": "",
        },
    )

    assert response.status_code == 302
    enrolment = Enrolment.objects.get(cohort=cohort)
    assert enrolment.learner != employer
    assert (enrolment.learner.full_name, enrolment.learner.email) == ("Nia New-Starter", UNCONFIRMED)
    assert not RoleAssignment.objects.filter(user=employer, role=Role.LEARNER).exists()
    employer.refresh_from_db()
    assert employer.email != UNCONFIRMED


def test_an_account_in_use_that_holds_an_address_unconfirmed_is_not_enrolled(cohort, practice, facilitator):
    from django.core.exceptions import ValidationError

    from coordinated_care.programmes.services import enrol_learner

    someone = UserFactory(email=UNCONFIRMED, verified=False)
    User.objects.filter(pk=someone.pk).update(last_login="2026-11-30T09:00:00Z")
    with pytest.raises(ValidationError) as refused:
        enrol_learner(
            cohort=cohort, email=UNCONFIRMED, full_name="Nia New-Starter", practice=practice, facilitator=facilitator
        )
    assert refused.value.code == "address_unconfirmed"
    assert not Enrolment.objects.exists() and not RoleAssignment.objects.filter(user=someone).exists()


def test_an_account_a_lead_made_and_nobody_used_yet_is_enrolled_again(cohort, practice, facilitator):
    from coordinated_care.programmes.services import create_cohort, enrol_learner

    first = enrol_learner(
        cohort=cohort, email=UNCONFIRMED, full_name="Nia New-Starter", practice=practice, facilitator=facilitator
    )
    assert first.account_created
    other_cohort = create_cohort(
        programme=cohort.programme,
        name="Another cohort",
        start_date=cohort.start_date,
        training_provider=cohort.training_provider,
        leads=list(cohort.leads.all()),
    )
    again = enrol_learner(cohort=other_cohort, email=UNCONFIRMED, practice=practice, facilitator=facilitator)
    assert not again.account_created and again.enrolment.learner == first.enrolment.learner


def test_setting_a_password_through_the_link_confirms_the_address_of_an_account_made_for_them(
    client, cohort, practice, facilitator, django_capture_on_commit_callbacks
):
    from coordinated_care.programmes.services import enrol_learner

    learner = enrol_learner(
        cohort=cohort, email=UNCONFIRMED, full_name="Nia New-Starter", practice=practice, facilitator=facilitator
    ).enrolment.learner
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": UNCONFIRMED})
    (message,) = mail.outbox
    form = client.get(link_in(message, "/accounts/password/reset/key/"), follow=True)
    new_password = "a-brand-new-passphrase-2026"
    client.post(form.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert EmailAddress.objects.get(user=learner, email=UNCONFIRMED).verified
    signed = Client().post(reverse("account_login"), {"login": UNCONFIRMED, "password": new_password})
    assert signed["Location"] == "/"


def test_the_address_pages_are_nhs_pages(learner, signed_in):
    html = signed_in(learner).get(reverse("account_email")).content.decode()
    assert 'class="nhsuk-header' in html and "Change your e-mail address" in html
    assert re.search(r'name="email"[^>]*type="email"|type="email"[^>]*name="email"', html)


def test_the_lead_is_told_when_an_address_waits_for_its_owner(programme_lead, signed_in, cohort, practice, facilitator):
    someone = UserFactory(email=UNCONFIRMED, verified=False)
    User.objects.filter(pk=someone.pk).update(last_login="2026-11-30T09:00:00Z")
    form = {
        "learner_email": UNCONFIRMED,
        "learner_full_name": "Nia New-Starter",
        "practice": practice.pk,
        "facilitator": facilitator.pk,
        "supervisor": "",
        "additional_signatory_name": "",
        "additional_signatory_email": "",
    }
    response = signed_in(programme_lead).post(f"/cohorts/{cohort.uuid}/enrol/", form)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_learner_email"' in html and "has not been confirmed by the person it belongs to" in html
    assert not Enrolment.objects.exists()
