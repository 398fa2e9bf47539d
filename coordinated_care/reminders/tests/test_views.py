"""The choice of reminders: the signed-in person's own, or through a reminder's signed link the
choices of the person it names and no one else's (issue 13, item 5)."""

import pytest
from django.core import signing
from django.urls import reverse

from coordinated_care.reminders import choices
from coordinated_care.reminders.models import Frequency, Kind, ReminderChoice

pytestmark = pytest.mark.django_db
CHOICES = reverse("reminders:choices")


def link(user):
    return reverse("reminders:by_link", args=[choices.link_token(user)])


def test_the_page_offers_the_reminders_of_the_persons_roles_with_the_defaults(learner, signed_in):
    html = signed_in(learner).get(CHOICES).content.decode()
    assert "Actions past their date" in html and "A workshop in the coming week" in html
    assert "Weekly digest of your learners" not in html and "behind the pace" not in html
    assert 'value="weekly" checked' in html or "checked" in html


def test_a_learner_saves_their_choices(learner, signed_in):
    data = {Kind.OVERDUE_ACTIONS.value: "monthly", Kind.WORKSHOP_SOON.value: "never"}
    response = signed_in(learner).post(CHOICES, data)
    assert response.status_code == 302 and response["Location"] == CHOICES
    assert choices.choices_of(learner)[Kind.OVERDUE_ACTIONS] == Frequency.MONTHLY
    assert choices.choices_of(learner)[Kind.WORKSHOP_SOON] == Frequency.NEVER


def test_a_choice_that_is_not_offered_is_refused(learner, signed_in):
    data = {Kind.OVERDUE_ACTIONS.value: "weekly", Kind.WORKSHOP_SOON.value: "monthly"}
    response = signed_in(learner).post(CHOICES, data)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not ReminderChoice.objects.exists()


def test_the_signed_in_page_changes_only_the_signed_in_persons_choices(learner, other_learner, signed_in):
    signed_in(learner).post(CHOICES, {"stop_all": "1", "user": other_learner.pk})
    assert choices.choices_of(learner)[Kind.OVERDUE_ACTIONS] == Frequency.NEVER
    assert not ReminderChoice.objects.filter(user=other_learner).exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(CHOICES)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_the_link_works_without_signing_in_and_changes_only_its_person(client, learner, other_learner):
    page = client.get(link(learner))
    assert page.status_code == 200 and "These are the reminders for Test Learner" in page.content.decode()
    response = client.post(link(learner), {"stop_all": "1"})
    assert response.status_code == 302
    assert set(choices.choices_of(learner).values()) == {Frequency.NEVER}
    assert not ReminderChoice.objects.filter(user=other_learner).exists()


def test_the_link_of_one_person_never_reaches_another_signed_in(client, learner, other_learner, signed_in):
    response = signed_in(other_learner).post(link(learner), {"stop_all": "1"})
    assert response.status_code == 302
    assert not ReminderChoice.objects.filter(user=other_learner).exists()
    assert ReminderChoice.objects.filter(user=learner).count() == len(Kind)


def test_a_link_that_is_not_ours_or_is_altered_does_not_exist(client, learner):
    token = choices.link_token(learner)
    forged = signing.dumps({"u": learner.pk, "e": "x"}, salt="another salt")
    for bad in (token[:-2] + "xx", forged, "nonsense"):
        assert client.get(reverse("reminders:by_link", args=[bad])).status_code == 404


def test_a_link_stops_working_when_the_address_changes(client, learner):
    old = link(learner)
    learner.email = "new.address@example.test"
    learner.save()
    assert client.get(old).status_code == 404


def test_someone_without_reminders_is_told_so(employer, signed_in):
    html = signed_in(employer).get(CHOICES).content.decode()
    assert "There are no reminders for your roles" in html


def test_the_footer_links_to_the_page(learner, signed_in):
    assert f'href="{CHOICES}"' in signed_in(learner).get(reverse("accounts:your_data")).content.decode()
