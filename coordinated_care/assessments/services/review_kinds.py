"""What each review holds, in the Portfolio Document's words, and which side writes each part.

Sides: "joint" (the learner or their facilitator), "learner", "facilitator"
(the assigned facilitator) and "supervisor" (the facilitator or the learner's workplace
supervisor). The final review's supervisor comments are made against the programme's assessment
descriptors: one box per criterion group (domain), and an overall comment."""

from dataclasses import dataclass

from ..models import Capacity, Review

JOINT = "joint"
LEARNER = "learner"
FACILITATOR = "facilitator"
SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    side: str
    widget: str = "textarea"  # textarea, text or tick
    hint: str = ""
    required: bool = True  # to sign
    rows: int = 6
    group: str = ""  # fields shown together, e.g. one checklist line


INITIAL = (
    Field("learning_needs", "Learning and development needs", JOINT),
    Field("learning_opportunities", "Learning opportunities to support achievement of competencies", JOINT),
    Field(
        "learning_plan",
        "Learning plan",
        JOINT,
        hint="The learner and facilitator negotiate and agree a learning plan.",
    ),
)

PROGRESS = (
    Field(
        "notes",
        "Notes of the review",
        JOINT,
        hint="Progress against the competencies and the action plan, and what was agreed next.",
        rows=10,
    ),
)

FINAL_CHECKLIST = (
    "The Practice based facilitator final interview",
    "The Practice based facilitator has signed the Practice based criteria achieved by the care coordinator in "
    "this area (where applicable)",
    "The care coordinator and Practice based facilitator have completed all the required interview records and "
    "development plans",
)


def _final(groups):
    fields = [
        Field(
            "self_assessment",
            "Learner's self-assessment and reflection on progress",
            LEARNER,
            hint=(
                "Reflect on your overall progression over 6 months, referring to your individual strengths, "
                "professional values and behaviours and any future learning and development requirements or "
                "aspirations."
            ),
            rows=12,
        ),
    ]
    for group in groups:
        fields.append(
            Field(
                f"descriptor_{group.code.lower()}",
                group.title,
                SUPERVISOR,
                hint="Comment on their progress in this domain, detailing the evidence used to come to your decision.",
                required=False,
                group="descriptors",
            )
        )
    fields.append(
        Field(
            "supervisor_comments",
            "Overall comments",
            SUPERVISOR,
            hint=(
                "Discuss the learner's self-assessment with them and comment on their progress using the "
                "assessment descriptors, detailing the evidence used to come to your decision."
            ),
            group="descriptors",
        )
    )
    for number, text in enumerate(FINAL_CHECKLIST, start=1):
        line = f"checklist_{number}"
        # The learner's initials keep the key reviews were first saved and signed with.
        fields += [
            Field(f"{line}_ticked", text, FACILITATOR, widget="tick", group=line),
            Field(f"{line}_facilitator_initials", "Facilitator's initials", FACILITATOR, widget="text", group=line),
            Field(f"{line}_coordinator_initials", "Learner's initials", LEARNER, widget="text", group=line),
        ]
    return tuple(fields)


def review_fields(kind, programme):
    if kind == Review.Kind.INITIAL:
        return INITIAL
    if kind == Review.Kind.PROGRESS:
        return PROGRESS
    return _final(list(programme.criterion_groups.all()))


# Who fills which signature box, and which boxes a review needs.
SIDES_OF = {
    Capacity.LEARNER: {JOINT, LEARNER},
    Capacity.FACILITATOR: {JOINT, FACILITATOR, SUPERVISOR},
    Capacity.ADDITIONAL: {SUPERVISOR},
}

INTRO = {
    Review.Kind.INITIAL: "The learner and practice-based facilitator agree the learning needs, the "
    "opportunities to meet them and a learning plan at the start of the programme.",
    Review.Kind.PROGRESS: "The practice-based facilitator meets the learner regularly over the six months "
    "to review their progress against the competencies.",
    Review.Kind.FINAL: "At the end of the programme: the learner's self-assessment, the supervisor's "
    "comments against the assessment descriptors, and the checklist of assessed documents.",
}
