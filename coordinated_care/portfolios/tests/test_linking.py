"""Linking evidence from both sides (issue 13, item 2): at save time from the entry form (the
suggestions and the picker, in the same POST), from the entry's page and from a criterion's page;
the suggestions while typing, asked for only by the learner, limited, and kept nowhere."""

import logging

import pytest
from django.core.cache import caches
from django.urls import reverse

from conftest import EVERYONE, NOT_ALLOWED, PORTFOLIO_READERS, Access, check_access
from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Draft, Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import Criterion

from .builders import CASE_STUDY

SIGNPOSTING = "I signposted them to a befriending service, a lunch club and social prescribing."


def add_case_study(enrolment, learner, coordination=CASE_STUDY["coordination"], criteria=()):
    entry = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.CASE_STUDY,
        user=learner,
        content={**CASE_STUDY, "coordination": coordination},
    )
    for criterion in criteria:
        services.link_evidence(entry, criterion=criterion, how_it_shows=f"Shows {criterion.code}", user=learner)
    return entry


def url(name, *args):
    return reverse(f"portfolios:{name}", args=args)


@pytest.fixture
def learner_client(enrolment, signed_in):
    return signed_in(enrolment.learner)


@pytest.fixture
def by_code(enrolment):
    return {c.code: c for c in Criterion.objects.filter(programme=enrolment.cohort.programme)}


def links_of(entry):
    return {link.criterion.code: link.how_it_shows for link in EvidenceLink.objects.filter(entry=entry)}


def test_a_case_study_is_saved_with_three_criteria_in_one_post(enrolment, learner_client, by_code):
    data = {**CASE_STUDY}
    for code in ("CS7", "PC3", "RS1"):
        data[f"criterion_{by_code[code].pk}"] = "on"
        data[f"how_{by_code[code].pk}"] = f"It shows {code}."
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    entry = Entry.objects.get(enrolment=enrolment)
    assert response["Location"] == url("entry", enrolment.uuid, entry.uuid)
    assert links_of(entry) == {"CS7": "It shows CS7.", "PC3": "It shows PC3.", "RS1": "It shows RS1."}
    page = learner_client.get(response["Location"]).content.decode()
    assert "Case study saved and linked to 3 criteria" in page


def test_a_ticked_criterion_without_how_it_shows_saves_nothing(enrolment, learner_client, by_code):
    data = {**CASE_STUDY, f"criterion_{by_code['CS7'].pk}": "on"}
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="#id_how_{by_code["CS7"].pk}"' in html
    assert "Enter how this entry shows CS7" in html
    assert not Entry.objects.exists() and not EvidenceLink.objects.exists()


def test_the_entry_form_lists_the_criteria_by_domain_with_short_descriptions(enrolment, learner_client):
    html = learner_client.get(url("new_entry", enrolment.uuid, "case-studies")).content.decode()
    assert "Criteria this shows (optional)" in html
    for domain in ("Personalised Care", "Communication Skills", "Relationship Skills", "Continuous Learning"):
        assert domain in html
    assert "Linking people to community resources and services outside the care system." in html
    assert 'hx-trigger="input delay:800ms from:closest form, load"' in html
    assert url("suggestions", enrolment.uuid, "case-studies") in html


def test_without_javascript_the_suggest_button_shows_suggestions_and_saves_nothing(enrolment, learner_client):
    data = {**CASE_STUDY, "coordination": SIGNPOSTING, "suggest": "yes"}
    response = learner_client.post(url("new_entry", enrolment.uuid, "case-studies"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "CS7 Link to Community Resources" in html
    assert "There is a problem" not in html
    assert SIGNPOSTING in html  # the writing is kept in the form
    # Each suggestion links to its box, in a domain opened for it.
    cs7 = Criterion.objects.get(programme=enrolment.cohort.programme, code="CS7")
    assert f'href="#id_criterion_{cs7.pk}"' in html
    communication = html[html.index("Communication Skills (10 criteria)") - 300 :]
    assert "data-criteria-group open" in communication[:300]
    assert not Entry.objects.exists() and not Draft.objects.exists()


def test_the_suggestions_partial_names_the_criteria_and_the_words(enrolment, learner_client, by_code):
    response = learner_client.post(
        url("suggestions", enrolment.uuid, "case-studies"),
        {"coordination": SIGNPOSTING, f"criterion_{by_code['PC3'].pk}": "on"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "CS7 Link to Community Resources" in html
    assert f'data-criterion-accept="id_criterion_{by_code["CS7"].pk}"' in html
    assert "&ldquo;befriending service&rdquo;" in html or "befriending" in html
    assert "<html" not in html  # a partial


def test_suggestions_for_nothing_written_say_nothing(enrolment, learner_client):
    response = learner_client.post(url("suggestions", enrolment.uuid, "case-studies"), {})
    assert response.status_code == 200 and response.content.decode().strip() == ""


@pytest.mark.parametrize("persona", EVERYONE)
def test_only_the_learner_asks_for_suggestions(persona, enrolment, request):
    access = Access(readers=PORTFOLIO_READERS, get=NOT_ALLOWED, post={"learner"}, post_status=200, changes=False)

    def state():
        return [list(m.objects.values()) for m in (Entry, EntryVersion, EvidenceLink, Draft)]

    check_access(
        request,
        persona,
        url("suggestions", enrolment.uuid, "case-studies"),
        access,
        data={"coordination": SIGNPOSTING},
        state=state,
    )


def test_suggestions_are_limited_per_person(enrolment, learner_client, settings):
    settings.CONFIDENTIALITY_CHECKS_PER_MINUTE = 2
    caches["default"].clear()
    answers = [
        learner_client.post(url("suggestions", enrolment.uuid, "case-studies"), {"overview": "x"}).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]


def test_the_text_sent_for_suggestions_is_kept_nowhere(enrolment, learner_client, caplog):
    secret = "Signposted a befriending service for Zebedee Quill"
    with caplog.at_level(logging.DEBUG):
        learner_client.post(url("suggestions", enrolment.uuid, "case-studies"), {"coordination": secret})
    assert "Zebedee" not in caplog.text
    assert not Draft.objects.exists() and not Entry.objects.exists()


def test_the_entry_page_suggests_criteria_not_linked_yet_and_links_one(enrolment, learner, learner_client, by_code):
    entry = add_case_study(enrolment, learner, coordination=SIGNPOSTING, criteria=[by_code["PC1"]])
    html = learner_client.get(url("entry", enrolment.uuid, entry.uuid)).content.decode()
    assert "Suggested criteria" in html
    assert "Link to CS7 Link to Community Resources" in html
    assert html.count('name="how_it_shows"') == 3
    response = learner_client.post(
        url("link_entry_to_criterion", enrolment.uuid, entry.uuid, "CS7"), {"how_it_shows": "The befriending."}
    )
    assert response["Location"] == url("entry", enrolment.uuid, entry.uuid)
    assert links_of(entry)["CS7"] == "The befriending."


def test_linking_from_the_entry_page_without_saying_how_shows_the_error_there(
    enrolment, learner, learner_client, by_code
):
    entry = add_case_study(enrolment, learner, coordination=SIGNPOSTING)
    response = learner_client.post(url("link_entry_to_criterion", enrolment.uuid, entry.uuid, "CS7"), {})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "Enter how this entry shows the criterion" in html
    assert 'href="#link-cs7-how_it_shows"' in html
    assert not EvidenceLink.objects.exists()


def test_the_facilitator_sees_no_suggestions_on_the_entry_page(enrolment, learner, facilitator, signed_in):
    entry = add_case_study(enrolment, learner, coordination=SIGNPOSTING)
    html = signed_in(facilitator).get(url("entry", enrolment.uuid, entry.uuid)).content.decode()
    assert "Suggested criteria" not in html


def test_evidence_is_added_from_the_criterion_page(enrolment, learner, learner_client, by_code):
    entry = add_case_study(enrolment, learner)
    page = learner_client.get(url("criterion", enrolment.uuid, "CS7")).content.decode()
    assert "Add evidence for this criterion" in page
    assert f'<option value="{entry.uuid}"' in page
    response = learner_client.post(
        url("add_criterion_evidence", enrolment.uuid, "CS7"), {"entry": str(entry.uuid), "how_it_shows": "It does."}
    )
    assert response["Location"] == url("criterion", enrolment.uuid, "CS7")
    assert links_of(entry) == {"CS7": "It does."}
    # Once linked, the entry is not offered again.
    page = learner_client.get(url("criterion", enrolment.uuid, "CS7")).content.decode()
    assert f'<option value="{entry.uuid}"' not in page


def test_the_criterion_page_refuses_an_entry_of_another_portfolio(
    enrolment, other_enrolment, other_learner, learner_client
):
    theirs = add_case_study(other_enrolment, other_learner)
    response = learner_client.post(
        url("add_criterion_evidence", enrolment.uuid, "CS7"), {"entry": str(theirs.uuid), "how_it_shows": "Mine?"}
    )
    assert response.status_code == 200
    assert "Select an entry" in response.content.decode()
    assert not EvidenceLink.objects.exists()


def test_a_reader_sees_no_add_evidence_form(enrolment, learner, facilitator, signed_in):
    add_case_study(enrolment, learner)
    page = signed_in(facilitator).get(url("criterion", enrolment.uuid, "CS7")).content.decode()
    assert "Add evidence for this criterion" not in page


def test_an_unknown_criterion_is_not_found(enrolment, learner, learner_client):
    entry = add_case_study(enrolment, learner)
    assert learner_client.post(url("add_criterion_evidence", enrolment.uuid, "XX9"), {}).status_code == 404
    assert learner_client.post(url("link_entry_to_criterion", enrolment.uuid, entry.uuid, "XX9"), {}).status_code == 404
