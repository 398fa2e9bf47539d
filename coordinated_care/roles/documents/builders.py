"""What each document of a role profile says, built from the version's picks and the content of
each picked competency or component (models/content.py). Documents group picks by domain only,
never under a competency that was not itself picked, so a document names exactly what was picked."""

from dataclasses import dataclass

from django.utils import timezone

from ..models import Priority, RoleProfileVersion
from ..services import content_by_code, level_descriptors, ordered_picks
from .model import Bullets, Document, Paragraph, Section, Subheading, Table

KINDS = {
    "job-description": "Job description",
    "person-specification": "Person specification",
    "advert": "Job advert",
    "interview-plan": "Interview plan",
    "appraisal": "Appraisal and supervision template",
    "induction-plan": "Induction learning plan",
}
BLANK = "\u00a0"  # a cell left to fill in by hand


@dataclass
class Source:
    version: RoleProfileVersion
    picks: list
    content: dict
    levels: dict  # level → (label, descriptor)

    def content_of(self, pick):
        return self.content.get(pick.item.code)

    def domain_of(self, pick):
        item = pick.item
        while item.parent is not None:
            item = item.parent
        return item

    def by_domain(self, picks=None):
        """[(domain, [picks])] in framework order."""
        groups = []
        for pick in self.picks if picks is None else picks:
            domain = self.domain_of(pick)
            if not groups or groups[-1][0].pk != domain.pk:
                groups.append((domain, []))
            groups[-1][1].append(pick)
        return groups

    def level_text(self, pick):
        label, descriptor = self.levels[pick.level]
        return f"{label}: {descriptor}" if descriptor else label


def source_for(version):
    """Everything a document needs, in a fixed number of queries (five)."""
    version = RoleProfileVersion.objects.select_related("profile__organisation", "framework_version__framework").get(
        pk=version.pk
    )
    levels = {level: (label, descriptor) for level, label, descriptor in level_descriptors()}
    return Source(version, ordered_picks(version), content_by_code(version.framework_version), levels)


def provenance(version):
    framework = version.framework_version
    if version.is_draft:
        state = "a draft, not yet published"
    else:
        state = f"published {timezone.localdate(version.published_at):%-d %B %Y}"
    return (
        f"Made from the role profile “{version.title}” of {version.profile.organisation.name}, "
        f"version {version.number} ({state}), reference {version.profile.slug}; its competencies are from "
        f"{framework.framework.title}, version {framework.number}."
    )


MAX_CANDIDATES = 30


def build(kind, source, *, candidates=1):
    """The document `kind` of `source`; an interview plan has a scoring sheet for each of
    `candidates` (1 to MAX_CANDIDATES)."""
    if kind == "interview-plan":
        return interview_plan(source, candidates=max(1, min(MAX_CANDIDATES, candidates)))
    return BUILDERS[kind](source)


def _about(source):
    version = source.version
    rows = [("Job title", version.title), ("Organisation", version.profile.organisation.name)]
    rows += [
        (label, value)
        for label, value in (("Setting", version.setting), ("Band", version.band), ("Hours", version.hours))
        if value
    ]
    return Table("About the role", ("Detail", "Role"), tuple(rows), first_cell_is_header=True)


def _document(kind, source, sections):
    title = f"{KINDS[kind]}: {source.version.title}"
    return Document(kind, title, provenance(source.version), sections)


def job_description(source):
    version = source.version
    sections = [Section("About the role", [_about(source)])]
    if version.purpose:
        sections.append(Section("Purpose of the role", [Paragraph(version.purpose)]))
    responsibilities = Section("Key responsibilities")
    for domain, picks in source.by_domain():
        responsibilities.blocks.append(Subheading(domain.title))
        responsibilities.blocks.append(Bullets(tuple(f"{p.item.title}: {_responsibility(source, p)}" for p in picks)))
    sections.append(responsibilities)
    if version.duty_lines:
        sections.append(Section("Local duties", [Bullets(tuple(version.duty_lines))]))
    return _document("job-description", source, sections)


def _responsibility(source, pick):
    content = source.content_of(pick)
    return content.responsibility if content else pick.item.description


def _spec_line(source, pick):
    content = source.content_of(pick)
    return content.person_specification if content else pick.item.description


def person_specification(source):
    sections = []
    for priority in Priority:
        picks = [p for p in source.picks if p.priority == priority]
        rows = tuple((p.item.title, _spec_line(source, p), source.levels[p.level][0], p.tested_by_text) for p in picks)
        heading = f"{priority.label} criteria"
        blocks = (
            [Table(heading, ("Competency", "What we look for", "Level expected", "How it is tested"), rows, True)]
            if rows
            else [Paragraph(f"No {priority.label.lower()} criteria.")]
        )
        sections.append(Section(heading, blocks))
    levels = tuple(f"{label}: {descriptor}" for label, descriptor in source.levels.values() if descriptor)
    if levels:
        sections.append(Section("Levels", [Bullets(levels)]))
    return _document("person-specification", source, sections)


def advert(source):
    version = source.version
    organisation = version.profile.organisation.name
    where = f" in {version.setting.lower()}" if version.setting else ""
    opening = f"{organisation} is looking for a {version.title.lower()}{where}."
    details = ", ".join(value for value in (version.band, version.hours) if value)
    blocks = [Paragraph(opening + (f" {details}." if details else ""))]
    if version.purpose:
        blocks.append(Paragraph(version.purpose))
    sections = [Section("The role", blocks)]
    sections.append(
        Section(
            "What you will do", [Bullets(tuple(f"{p.item.title}: {_responsibility(source, p)}" for p in source.picks))]
        )
    )
    essential = [p for p in source.picks if p.priority == Priority.ESSENTIAL]
    desirable = [p for p in source.picks if p.priority == Priority.DESIRABLE]
    about_you = Section("About you")
    if essential:
        about_you.blocks.append(Paragraph("You will need to show:"))
        about_you.blocks.append(Bullets(tuple(f"{p.item.title}: {_spec_line(source, p)}" for p in essential)))
    if desirable:
        about_you.blocks.append(Paragraph("It would help if you can also show:"))
        about_you.blocks.append(Bullets(tuple(f"{p.item.title}: {_spec_line(source, p)}" for p in desirable)))
    sections.append(about_you)
    return _document("advert", source, sections)


def interview_plan(source, candidates=1):
    picks = [p for p in source.picks if p.at_interview]
    if not picks:
        return _document(
            "interview-plan", source, [Section("Questions", [Paragraph("No pick is tested at interview.")])]
        )
    sections = [
        Section(
            "How to use this plan",
            [
                Paragraph(
                    "Ask every candidate the same questions. Score each answer from 1 to 4 with the scoring guide, "
                    "on a scoring sheet of its own for each candidate, and note what the candidate said that "
                    "supports the score."
                )
            ],
        )
    ]
    questions = Section("Questions and scoring guides")
    for pick in picks:
        content = source.content_of(pick)
        questions.blocks.append(Subheading(pick.item.title))
        questions.blocks.append(
            Paragraph(
                f"{pick.get_priority_display()}; level expected: {source.level_text(pick)}", strong="What we look for: "
            )
        )
        for number, question in enumerate(content.questions.all() if content else [], start=1):
            questions.blocks.append(Paragraph(question.question, strong=f"Question {number}: "))
            questions.blocks.append(Paragraph(question.good_answer, strong="A good answer shows: "))
            questions.blocks.append(
                Table(
                    f"Scoring guide for question {number} on {pick.item.title}",
                    ("Score", "What the answer shows"),
                    tuple((str(score), text) for score, text in question.scoring_guide),
                    True,
                )
            )
    sections.append(questions)
    rows = []
    for pick in picks:
        content = source.content_of(pick)
        for number, _ in enumerate(content.questions.all() if content else [None], start=1):
            rows.append((pick.item.title, f"Question {number}", BLANK, BLANK))
    for candidate in range(1, candidates + 1):
        sheet = Section(f"Scoring sheet: candidate {candidate}", new_page=True)
        sheet.blocks.append(
            Table(
                f"Candidate {candidate} and panel",
                ("Detail", "Entry"),
                (("Candidate", BLANK), ("Panel member", BLANK), ("Date", BLANK)),
                True,
            )
        )
        scores = ("Competency", "Question", "Score (1 to 4)", "Notes")
        sheet.blocks.append(Table(f"Scores of candidate {candidate}", scores, tuple(rows), True))
        sheet.blocks.append(Paragraph(BLANK, strong="Total score: "))
        sections.append(sheet)
    return _document("interview-plan", source, sections)


def appraisal(source):
    sections = [
        Section(
            "About this review",
            [
                Table(
                    "The review",
                    ("Detail", "Entry"),
                    (("Name", BLANK), ("Reviewer", BLANK), ("Date", BLANK), ("Next review", BLANK)),
                    True,
                ),
                Paragraph(
                    "Before the meeting, rate yourself against each competency below and note the evidence you will "
                    "bring. In the meeting, agree the level shown and an objective for the year."
                ),
            ],
        )
    ]
    for domain, picks in source.by_domain():
        section = Section(domain.title)
        for pick in picks:
            content = source.content_of(pick)
            section.blocks.append(Subheading(pick.item.title))
            section.blocks.append(Paragraph(source.level_text(pick), strong="Level expected: "))
            if content and content.appraisal_lines:
                section.blocks.append(Paragraph("Prompts for discussion:"))
                section.blocks.append(Bullets(tuple(content.appraisal_lines)))
            section.blocks.append(
                Table(
                    f"Review of {pick.item.title}",
                    ("Question", "Entry"),
                    (
                        ("Level I think I show (aware, practising or leading)", BLANK),
                        ("Evidence discussed", BLANK),
                        ("Level agreed", BLANK),
                        ("Objective agreed", BLANK),
                    ),
                    True,
                )
            )
        sections.append(section)
    sections.append(
        Section(
            "Signatures",
            [Table("Signatures", ("Who", "Signature and date"), (("Reviewee", BLANK), ("Reviewer", BLANK)), True)],
        )
    )
    return _document("appraisal", source, sections)


def induction_plan(source):
    sections = [
        Section(
            "How to use this plan",
            [
                Paragraph(
                    "The new starter and their manager go through this plan in the first week. Essential competencies "
                    "are worked on in the first month, desirable ones by the end of the third month. At each review, "
                    "note the evidence collected and whether the level expected has been reached."
                )
            ],
        )
    ]
    for priority, when in ((Priority.ESSENTIAL, "First month"), (Priority.DESIRABLE, "By the end of the third month")):
        picks = [p for p in source.picks if p.priority == priority]
        if not picks:
            continue
        section = Section(f"{when}: {priority.label.lower()} competencies")
        rows = []
        for pick in picks:
            content = source.content_of(pick)
            evidence = "; ".join(content.evidence_lines) if content else ""
            rows.append((pick.item.title, _responsibility(source, pick), source.levels[pick.level][0], evidence, BLANK))
        section.blocks.append(
            Table(
                f"{priority.label} competencies to learn",
                ("Competency", "What to learn to do", "Level expected", "Evidence to collect", "Reviewed on"),
                tuple(rows),
                True,
            )
        )
        sections.append(section)
    if source.version.duty_lines:
        sections.append(Section("Local duties to learn", [Bullets(tuple(source.version.duty_lines))]))
    return _document("induction-plan", source, sections)


BUILDERS = {
    "job-description": job_description,
    "person-specification": person_specification,
    "advert": advert,
    "interview-plan": interview_plan,
    "appraisal": appraisal,
    "induction-plan": induction_plan,
}
