"""What each kind of portfolio entry holds, in the Portfolio Document's own words.

A kind lists its fields explicitly; forms, pages, versions and the confidentiality check are
built from this one declaration so that every kind behaves the same way."""

from dataclasses import dataclass, field

from coordinated_care.programmes.models import RequiredDocument

from .models import Entry


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    widget: str = "textarea"  # textarea, text or date
    hint: str = ""
    required: bool = True
    rows: int = 8


@dataclass(frozen=True)
class EntryKind:
    kind: str
    label: str
    plural: str
    slug: str
    fields: tuple
    title_from: str
    intro: str = ""
    counts_towards: str | None = None
    # Columns kept beside the content so lists can be filtered and sorted by them.
    occurred_on_from: str | None = None
    due_on_from: str | None = None
    one_per_portfolio: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def free_text_fields(self):
        return [f.name for f in self.fields if f.widget in ("textarea", "text")]


_DATE = "date"
_TEXT = "text"

CASE_STUDY = EntryKind(
    kind=Entry.Kind.CASE_STUDY,
    label="Case study",
    plural="Case studies",
    slug="case-studies",
    title_from="title",
    counts_towards=RequiredDocument.Kind.CASE_STUDY,
    intro=(
        "Describe a person's coordination without anything that could identify them: no names, "
        "addresses, dates of birth, specific medical conditions or other unique details."
    ),
    fields=(
        Field("title", "Title", _TEXT, hint="A short title of your own, for example 'Case study 1: hospital discharge'."),
        Field("overview", "Overview of coordination needs"),
        Field("coordination", "Coordination that has taken place"),
        Field("outcomes", "Outcomes, reflections and learning"),
    ),
)

REFLECTION = EntryKind(
    kind=Entry.Kind.REFLECTION,
    label="Reflection",
    plural="Reflections",
    slug="reflections",
    title_from="title",
    occurred_on_from="occurred_on",
    intro="Reflect on something that happened in practice and what you learned from it.",
    fields=(
        Field("title", "Title", _TEXT),
        Field("occurred_on", "Date of the event", _DATE, required=False),
        Field("what_happened", "What happened?", hint="Prompt: describe the situation and your part in it."),
        Field("so_what", "What did it mean?", hint="Prompt: what went well, what did not, and why?"),
        Field("now_what", "What will you do next?", hint="Prompt: what will you keep doing or do differently?"),
    ),
)

ACTION = EntryKind(
    kind=Entry.Kind.ACTION,
    label="Action",
    plural="Action plan",
    slug="action-plan",
    title_from="area_of_focus",
    due_on_from="due_on",
    counts_towards=RequiredDocument.Kind.ACTION_PLAN,
    intro="Tasks set during workshops and reviews with your practice-based facilitator to enable competency sign-off.",
    fields=(
        Field("area_of_focus", "Area of focus", _TEXT),
        Field("actions", "Actions to be taken", rows=4),
        Field("help", "Help to get there", rows=4),
        Field("success_measure", "Success measurement", rows=4),
        Field("due_on", "Date to be completed or reviewed", _DATE),
    ),
)

INTERPROFESSIONAL_RECORD = EntryKind(
    kind=Entry.Kind.INTERPROFESSIONAL_RECORD,
    label="Interprofessional record",
    plural="Record of interprofessional working",
    slug="interprofessional-record",
    title_from="who_and_why",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.INTERPROFESSIONAL_RECORD,
    intro="Working with other healthcare professionals and developing local relationships.",
    fields=(
        Field("occurred_on", "Date", _DATE),
        Field("who_and_why", "Who and why", _TEXT, hint="Their role and organisation, not a patient's details."),
        Field("reflections", "Reflections on your learning and the importance of the relationship"),
    ),
)

WORKSHOP_NOTE = EntryKind(
    kind=Entry.Kind.WORKSHOP_NOTE,
    label="Workshop notes",
    plural="Workshops",
    slug="workshops",
    title_from="title",
    intro="Your attendance at the programme's workshops and what you took from each.",
    fields=(
        Field("title", "Workshop", _TEXT),
        Field("attended", "Did you attend?", _TEXT, hint="Yes, no or in part."),
        Field("notes", "Notes and learning", required=False),
    ),
)

TRAINING_RECORD = EntryKind(
    kind=Entry.Kind.TRAINING_RECORD,
    label="Training record",
    plural="CPD and training",
    slug="training",
    title_from="title",
    occurred_on_from="occurred_on",
    intro="Training and continuing professional development, with certificates where you have them.",
    fields=(
        Field("title", "Course or activity", _TEXT),
        Field("provider", "Provider", _TEXT, required=False),
        Field("occurred_on", "Date completed", _DATE),
        Field("learning", "What you learned", required=False, rows=5),
    ),
)

KEY_PERSON_FEEDBACK = EntryKind(
    kind=Entry.Kind.KEY_PERSON_FEEDBACK,
    label="Feedback from a key person",
    plural="Ongoing feedback from key people",
    slug="key-people-feedback",
    title_from="their_role",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.FEEDBACK,
    intro="Feedback from anyone involved in your learning, written in by you.",
    fields=(
        Field("occurred_on", "Date", _DATE),
        Field("their_role", "Their role", _TEXT),
        Field("input", "Input the care coordinator has had"),
    ),
)

STAFF_FEEDBACK = EntryKind(
    kind=Entry.Kind.STAFF_FEEDBACK,
    label="Feedback from staff",
    plural="Ongoing feedback from staff in practice",
    slug="staff-feedback",
    title_from="their_role",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.FEEDBACK,
    intro="Feedback from staff in your practice, written in by you.",
    fields=KEY_PERSON_FEEDBACK.fields,
)

KINDS = {
    k.kind: k
    for k in (
        CASE_STUDY,
        REFLECTION,
        ACTION,
        INTERPROFESSIONAL_RECORD,
        WORKSHOP_NOTE,
        TRAINING_RECORD,
        KEY_PERSON_FEEDBACK,
        STAFF_FEEDBACK,
    )
}
KINDS_BY_SLUG = {k.slug: k for k in KINDS.values()}
