"""The shipped programme is the Portfolio Document's (PD's), item by item.

The quoted wordings below are copied from the PD's text (seeds/portfolio-document-care-
coordination-primary-care.txt) as they stand there; the shipped data must hold them unchanged."""

import pytest

from coordinated_care.programmes.models import (
    Criterion,
    CriterionGroup,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    WorkshopPlanItem,
)
from coordinated_care.programmes.services import SHIPPED_PROGRAMME_SLUG, load_shipped_programme
from coordinated_care.programmes.tests.factories import shipped_programme

pytestmark = pytest.mark.django_db

GROUPS = [
    ("PC", "Personalised Care", 6),
    ("CS", "Communication Skills", 10),
    ("RS", "Relationship Skills", 6),
    ("CL", "Continuous Learning", 8),
]

# Verbatim from the PD.
PD_WORDINGS = {
    "PC1": "Comprehend that effective personalised care and support planning requires several discussions.",
    "PC2": "Taking into account, what matters to people as well as their expressed needs",
    "PC3": "Emotional support involving family and friends",
    "PC4": "Provide coordination that is timely, appropriate, and effective.",
    "PC5": (
        "Align Resources with Patient and Population Needs: Within the care setting, assess the needs of patients "
        "and populations and allocate health care resources according to those needs. At the population level, "
        "this includes developing system-level approaches to meet the needs of particular patient populations. At "
        "the patient level, it includes assessing the needs of individual patients to determine whether they might "
        "benefit from the system-level approach."
    ),
    "CS1": (
        "Frequent communication: Frequent communication helps to build relationships through the familiarity that "
        "grows from repeated interaction."
    ),
    "CS2": (
        "Timely communication: Communication can be frequent and still be of poor quality. For one thing, it can "
        "lack timeliness. In coordinating highly interdependent work, timing can be critical."
    ),
    "CS5": (
        "Interpersonal Communication: The give-and-take of ideas, preferences, goals, and experiences through "
        "personal interactions. Examples include face-to-face interactions, telephone conversations, email, and "
        "letters."
    ),
    "CS10": (
        "Handling data and information: Accurate and accessible information and data underpins effective care "
        "navigation. Failures in communication between organisations, sectors and patients/carers can lead to "
        "disjointed and poor care. Individuals who work to provide effective care navigation need to be able to "
        "appropriately use relevant electronic records, databases to access, input, store and retrieve "
        "information. Data is also important for service evaluation improvement."
    ),
    "RS3": (
        "Monitor, Follow Up, and Respond to Change: Jointly with the patient/family, assess progress toward care "
        "and coordination goals outlined in the PCSP. Monitor for successes and failures in care and coordination. "
        "Refine the personalised care and support plan as needed to accommodate new information or circumstances "
        "and to address any failures. Provide necessary follow up care to patients."
    ),
    "RS5": (
        "Building and sustaining professional relationships: Relationships underpin effective inter-boundary "
        "working and are skills people in navigation roles need to develop. The ability to engage and sustain key "
        "working relationships is fundamental to work with patients, their family and with multidisciplinary team "
        "members."
    ),
    "CL3": "Identify evidence to inform practice and integrated care.",
    "CL4": "Apply new technical and information/knowledge to practical use on the job",
    "CL5": "Regularly engage in interdisciplinary training for staff.",
    "CL6": "Regularly engage in continuing professional development.",
    "CL7": "Implement and routinely monitor patient safety standards.",
    "CL8": (
        "Professionalism: These are rooted in the ethical, moral and legal aspects of care and support, grounded "
        "in the principles of patient-centred care. Commitment to develop expertise, self-awareness, limitations "
        "of scope of practice and working with integrity are some important features"
    ),
}

# The PD's text for "Link to Community Resources", which it repeats under digital signposting.
COMMUNITY_RESOURCES_TEXT = (
    "Provide information on the availability of and, if necessary, coordinate services with additional resources "
    "available in the community that may help support patients' health and wellness or meet their care goals. "
    "Community resources are any service or program outside the care system that may support a patient's health "
    "and wellness."
)

WORKSHOP_THEMES = [
    "Overview",
    "Domain 1 Personalised Care",
    "Domain 2 Communication",
    "Domain 3 Relationships",
    "Domain 4 Reflection and continuous learning",
    "Developing case studies and action plan progress",
    "Domain 1 Personalised Care",
    "Domain 2 Communication",
    "Domain 3 Relationships",
    "Domain 4 Reflection and continuous learning",
    "Developing your case studies and action plan progress",
    "Final meeting",
]

VALUES = ["Individuality", "Rights", "Choice", "Privacy", "Independence", "Dignity", "Respect", "Partnership"]


@pytest.fixture
def programme():
    return shipped_programme()


def test_it_is_published_lasts_six_months_and_expects_the_accredited_training(programme):
    assert programme.slug == SHIPPED_PROGRAMME_SLUG
    assert programme.title == "Care Coordination (Primary Care)"
    assert programme.status == Programme.Status.PUBLISHED
    assert programme.duration_months == 6
    assert "PCI-accredited, 2-day care coordination training" in programme.prerequisite
    assert programme.framework_version.status == "published"


def test_four_groups_in_the_pd_order_with_6_10_6_8_criteria(programme):
    groups = list(CriterionGroup.objects.filter(programme=programme).order_by("position"))
    assert [(g.code, g.title, g.criteria.count()) for g in groups] == GROUPS
    assert Criterion.objects.filter(programme=programme).count() == 30
    for group in groups:
        assert group.description and group.evidence_guidance
        assert group.framework_domain.kind == "domain"
        assert group.framework_domain.version_id == programme.framework_version_id


def test_every_criterion_code_in_order(programme):
    codes = list(
        Criterion.objects.filter(programme=programme)
        .order_by("group__position", "position")
        .values_list("code", flat=True)
    )
    assert codes == [f"{code}{n}" for code, _, count in GROUPS for n in range(1, count + 1)]


@pytest.mark.parametrize("code", PD_WORDINGS)
def test_criterion_wording_is_the_pds_verbatim(programme, code):
    assert Criterion.objects.get(programme=programme, code=code).wording == PD_WORDINGS[code]


def test_the_pds_own_criteria_are_there(programme):
    dignity = Criterion.objects.get(programme=programme, code="PC6")
    assert dignity.wording == (
        "Care Coordinator treats individuals with dignity, respecting individual's beliefs culture, values and "
        "preferences."
    )
    assert Criterion.objects.get(programme=programme, code="CS7").wording == (
        f"Link to Community Resources: {COMMUNITY_RESOURCES_TEXT}"
    )


def test_digital_signposting_has_its_own_mended_wording_and_says_so(programme):
    digital = Criterion.objects.get(programme=programme, code="CS8")
    community = Criterion.objects.get(programme=programme, code="CS7")
    assert digital.title == "Enabling and signposting to digital health and wellbeing"
    assert digital.wording.startswith("Enabling and signposting to digital health and wellbeing: ")
    assert COMMUNITY_RESOURCES_TEXT not in digital.wording
    assert digital.wording.split(": ", 1)[1] != community.wording.split(": ", 1)[1]
    assert "digital" in digital.wording.split(": ", 1)[1]
    assert "repeats the text of 'Link to Community Resources'" in digital.notes


def test_relationship_skills_does_not_repeat_the_communication_description(programme):
    relationships = CriterionGroup.objects.get(programme=programme, code="RS")
    communication = CriterionGroup.objects.get(programme=programme, code="CS")
    assert relationships.description != communication.description
    assert relationships.notes


def test_every_criterion_maps_to_competencies_of_its_own_framework_version(programme):
    for criterion in Criterion.objects.filter(programme=programme).prefetch_related("competencies"):
        items = list(criterion.competencies.all())
        assert items, criterion.code
        assert {item.version_id for item in items} == {programme.framework_version_id}
    digital = Criterion.objects.get(programme=programme, code="CS8")
    assert {item.title for item in digital.competencies.all()} == {
        "Link to community resources",
        "IT-enabled health coordination",
    }


def test_twelve_workshops_with_the_pds_themes(programme):
    plan = list(WorkshopPlanItem.objects.filter(programme=programme).order_by("number"))
    assert [item.number for item in plan] == list(range(1, 13))
    assert [item.theme for item in plan] == WORKSHOP_THEMES
    weeks = [item.weeks_after_start for item in plan]
    assert weeks[0] == 0 and weeks == sorted(weeks) and weeks[-1] <= 26
    domain_workshops = [item.criterion_group.code if item.criterion_group else None for item in plan[1:5]]
    assert domain_workshops == ["PC", "CS", "RS", "CL"]


def test_the_seven_required_documents_with_at_least_three_case_studies(programme):
    documents = list(RequiredDocument.objects.filter(programme=programme).order_by("position"))
    assert [(d.kind, d.minimum) for d in documents] == [
        ("initial_discussion", 1),
        ("values_worksheet", 1),
        ("case_study", 3),
        ("action_plan", 1),
        ("interprofessional_record", 1),
        ("feedback", 1),
        ("final_review", 1),
    ]


def test_the_eight_values_in_the_pds_order(programme):
    values = PersonCentredValue.objects.filter(programme=programme).order_by("position")
    assert list(values.values_list("name", flat=True)) == VALUES


def test_loading_again_changes_nothing_and_keeps_an_administrators_changes(programme):
    PersonCentredValue.objects.filter(programme=programme, name="Partnership").update(name="Partnership working")
    counts = [
        model.objects.count()
        for model in (Programme, CriterionGroup, Criterion, RequiredDocument, WorkshopPlanItem, PersonCentredValue)
    ]
    mappings = Criterion.competencies.through.objects.count()
    assert load_shipped_programme().pk == programme.pk
    assert [
        model.objects.count()
        for model in (Programme, CriterionGroup, Criterion, RequiredDocument, WorkshopPlanItem, PersonCentredValue)
    ] == counts
    assert Criterion.competencies.through.objects.count() == mappings
    assert PersonCentredValue.objects.filter(programme=programme, name="Partnership working").exists()
