"""The shipped framework is the guide's, exactly, with its one known flaw mended."""

import uuid

from coordinated_care.frameworks.models import (
    ChecklistItem,
    ChecklistSection,
    Framework,
    FrameworkItem,
    FrameworkVersion,
)
from coordinated_care.frameworks.services import Tree, load_shipped_framework, shipped_identifier

MENDED = (
    "Relationships underpin effective inter-boundary working and are skills people in navigation roles need to "
    "develop. The ability to engage and sustain key working relationships is fundamental to work with patients, "
    "their family and with multidisciplinary team members."
)
MONITOR = (
    "Collaborate with the patient/family to assess progress towards care and coordination goals. Monitor for "
    "successes and failures in care and coordination. Refine the care plan as required to accommodate new "
    "information or circumstances and to address any failures. Provide necessary follow-up care."
)

EXPECTED = {
    "Communication": {
        "theme": [
            "Frequent communication",
            "Timely communication",
            "Accurate communication",
            "Problem-solving communication",
        ],
        "competency": [
            "Interpersonal communication",
            "Information Transfer",
            "Teamwork focused on Coordination",
            "Handling data and information",
            "Link to community resources",
        ],
        "component": [],
    },
    "Continuous learning": {
        "theme": [],
        "competency": ["Professionalism", "IT-enabled health coordination"],
        "component": [
            "Participate in practice-based learning and improvement activities that involve investigation and "
            "evaluation of patient experiences, evidence and resources.",
            "Apply new technique and information/knowledge to practical use on the job.",
            "Regularly engage in interdisciplinary training for staff.",
            "Regularly engage in continuing professional development.",
            "Implement and routinely monitor patient safety standards.",
            "Identify evidence to inform practice and integrated care.",
        ],
    },
    "People centred care": {
        "theme": [],
        "competency": [
            "Medication management",
            "Aligning resources with patient and population needs",
            "Assessing needs and goal",
        ],
        "component": [
            "Comprehending that effective care planning requires several discussions",
            "Taking into account people's preferences and expressed needs",
            "Emotional support involving family and friends",
            "Providing care that is timely, appropriate, and effective for treating health problems.",
        ],
    },
    "Relationships": {
        "theme": [],
        "competency": [
            "Establish accountability or negotiate responsibility",
            "Facilitate transitions",
            "Create a proactive plan of care",
            "Monitor, follow up, and respond to change",
            "Support self-management goals",
            "Building and sustaining professional relationships",
        ],
        "component": [],
    },
}


def test_four_domains_in_the_order_the_guide_lists_its_four_areas_not_alphabetically(shipped):
    tree = Tree.of(shipped)
    assert [domain.title for domain in tree.roots] == [
        "Communication",
        "Relationships",
        "People centred care",
        "Continuous learning",
    ]
    assert [domain.code for domain in tree.roots] == ["COM", "REL", "PCC", "CL"]
    assert all(domain.kind == FrameworkItem.Kind.DOMAIN for domain in tree.roots)


def test_every_theme_competency_and_component_sits_under_its_domain_in_the_guides_order(shipped):
    tree = Tree.of(shipped)
    for domain in tree.roots:
        children = tree.children(domain)
        for kind, titles in EXPECTED[domain.title].items():
            assert [child.title for child in children if child.kind == kind] == titles, (domain.title, kind)


def test_the_three_accountability_bullets_are_components_of_their_competency(shipped):
    tree = Tree.of(shipped)
    accountability = tree.find("REL.1")
    assert accountability.title == "Establish accountability or negotiate responsibility"
    assert [child.code for child in tree.children(accountability)] == ["REL.1.1", "REL.1.2", "REL.1.3"]
    assert tree.children(accountability)[1].description.startswith("The accountable entity (a health care professional")
    assert all(child.kind == FrameworkItem.Kind.COMPONENT for child in tree.children(accountability))


def test_counts(shipped):
    kinds = list(shipped.items.values_list("kind", flat=True))
    assert len(kinds) == 37
    assert kinds.count("domain") == 4
    assert kinds.count("theme") == 4
    assert kinds.count("competency") == 16
    assert kinds.count("component") == 13


def test_domain_descriptions_are_the_guides_including_closing_paragraphs(shipped):
    tree = Tree.of(shipped)
    communication, relationships, people, learning = tree.roots
    assert communication.paragraphs[0].startswith("This describes the ability to quickly establish rapport")
    assert communication.paragraphs[1] == (
        "Share knowledge among participants in a person’s care. "
        "Communication might occur through a wide variety of channels."
    )
    assert learning.paragraphs[0].startswith("Continuous improvement involves employees constantly questioning")
    assert learning.paragraphs[-1].startswith("People who are in care navigation roles learn significantly")
    assert people.paragraphs[0].startswith("People-centred care is the approach of thinking and doing things")
    assert people.paragraphs[-1].startswith("Experiences of people who access care and support are investigated")
    assert relationships.description.startswith("The relationship with the patient is the most important role")


def test_building_and_sustaining_professional_relationships_has_the_portfolio_documents_text(shipped):
    building = shipped.items.get(code="REL.6")
    assert building.title == "Building and sustaining professional relationships"
    assert building.description == MENDED
    assert "Portfolio Document" in building.notes
    assert shipped.items.get(code="REL.4").description == MONITOR


def test_no_two_items_share_a_description(shipped):
    descriptions = list(shipped.items.values_list("description", flat=True))
    assert len(descriptions) == len(set(descriptions))


def test_identifiers_are_the_same_on_every_installation(shipped):
    namespace = uuid.UUID("f41c3401-08a7-496e-9521-8808cd72ea9d")
    for item in shipped.items.all():
        assert item.identifier == uuid.uuid5(namespace, item.code) == shipped_identifier(item.code)
        assert item.lineage == item.identifier
    assert shipped.uuid == uuid.uuid5(namespace, "version:1")
    # Pinned, so that a change to the namespace or a code cannot slip through unnoticed.
    assert str(shipped_identifier("REL.6")) == str(uuid.uuid5(namespace, "REL.6"))
    assert str(shipped_identifier("COM")) == "10900b40-2bef-5dd8-8873-c13ec09ccda5"


def test_it_is_published_version_1_with_the_guides_metadata(shipped):
    assert shipped.number == 1
    assert shipped.status == FrameworkVersion.Status.PUBLISHED
    assert shipped.published_at.year == 2019
    framework = shipped.framework
    assert framework.slug == "making-sense-of-coordinated-care"
    assert framework.title == "Making sense of Coordinated Care"
    assert "Birmingham City University" in framework.creator
    assert "First Edition, January 2019" in framework.notes


def test_loading_twice_changes_nothing(shipped):
    def snapshot():
        return (
            list(Framework.objects.values()),
            list(FrameworkVersion.objects.values()),
            list(FrameworkItem.objects.order_by("pk").values()),
            list(ChecklistSection.objects.order_by("pk").values()),
            list(ChecklistItem.objects.order_by("pk").values()),
        )

    before = snapshot()
    again = load_shipped_framework()
    assert again.pk == shipped.pk
    assert snapshot() == before


def test_the_checklist_for_developing_a_service_is_shipped(shipped):
    sections = list(shipped.framework.checklist_sections.prefetch_related("items"))
    assert [section.title for section in sections] == [
        "Are you clear about the coordinated care service you are developing?",
        "Effective partnerships",
        "Strategic fit",
        "Appropriate and reliable resourcing",
        "Training and continuous development?",
    ]
    assert [len(section.items.all()) for section in sections] == [3, 2, 3, 0, 5]
    assert sections[3].description.startswith("Coordinated care roles vary between organisations")
    assert sections[2].items.all()[2].text.startswith("Managers need to understand exactly what they're asking")
    assert sections[2].items.all()[2].code == "3.3"
    assert shipped.framework.checklist_introduction.startswith("We hope this guide will support you")
