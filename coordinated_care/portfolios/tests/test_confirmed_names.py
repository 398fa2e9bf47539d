"""A colleague's name confirmed once in an entry, with their role, is not asked about again when the
entry is saved again, unless the words around it change (issue 13, item 4)."""

import pytest
from django.urls import reverse

from coordinated_care.confidentiality.forms import role_field_name
from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry, EntryVersion, EvidenceLink

from .builders import CASE_STUDY

NAMED = "I spoke to Sam Okafor, the practice pharmacist, about a medicines review for the person."


def url(name, *args):
    return reverse(f"portfolios:{name}", args=args)


@pytest.fixture
def learner_client(enrolment, signed_in):
    return signed_in(enrolment.learner)


@pytest.fixture
def entry(enrolment, learner_client):
    data = {
        **CASE_STUDY,
        "coordination": NAMED,
        "confidentiality_declaration": "on",
        role_field_name("Sam Okafor"): "Practice pharmacist",
    }
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    assert response.status_code == 302
    return Entry.objects.get()


def edit(client, entry, **changes):
    data = {**CASE_STUDY, "coordination": NAMED, "seen_version": entry.version, **changes}
    return client.post(url("edit_entry", entry.enrolment.uuid, entry.uuid), data)


def test_a_second_save_does_not_ask_about_a_name_confirmed_in_the_same_words(entry, learner_client):
    response = edit(learner_client, entry, outcomes="They felt supported at home and stayed well.")
    assert response.status_code == 302
    latest = EntryVersion.objects.get(entry=entry, number=2)
    assert [(d["text"], d["role"]) for d in latest.declarations] == [("Sam Okafor", "Practice pharmacist")]
    # Remembered from version to version, not only from the first.
    entry.refresh_from_db()
    assert edit(learner_client, entry, outcomes="Still well a month on.").status_code == 302
    assert services.confirmed_names(entry)[0]["role"] == "Practice pharmacist"


def test_the_name_is_asked_about_again_when_the_words_around_it_change(entry, learner_client):
    changed = NAMED.replace("about a medicines review", "who I had not met before, at the surgery")
    response = edit(learner_client, entry, coordination=changed)
    assert response.status_code == 200
    assert 'href="#id_confidentiality_declaration"' in response.content.decode()
    assert EntryVersion.objects.filter(entry=entry).count() == 1


def test_a_name_confirmed_in_one_entry_is_asked_about_in_another(entry, enrolment, learner_client):
    response = learner_client.post(
        url("new_entry", enrolment.uuid, "case-studies"), {**CASE_STUDY, "coordination": NAMED}
    )
    assert response.status_code == 200
    assert Entry.objects.count() == 1


def test_an_entry_not_yet_made_has_nothing_confirmed():
    assert services.confirmed_names(None) == []


def test_a_name_confirmed_in_how_an_entry_shows_a_criterion_is_not_asked_about_again(
    entry, enrolment, learner_client, criteria
):
    criterion, another = criteria[0], criteria[1]
    how = "Sam Okafor and I agreed the plan together, and I wrote it up for the team that week."
    evidence = url("entry_evidence", enrolment.uuid, entry.uuid)
    linked = {f"criterion_{criterion.pk}": "on", f"how_{criterion.pk}": how}
    first = {**linked, "confidentiality_declaration": "on", role_field_name("Sam Okafor"): "Practice pharmacist"}
    assert learner_client.post(evidence, first).status_code == 302
    # Saved again with another criterion added: the name in the same words is not asked about.
    again = {**linked, f"criterion_{another.pk}": "on", f"how_{another.pk}": "It shows planning with the team."}
    assert learner_client.post(evidence, again).status_code == 302
    link = EvidenceLink.objects.get(entry=entry, criterion=criterion)
    assert [(d["text"], d["role"]) for d in link.declarations] == [("Sam Okafor", "Practice pharmacist")]
