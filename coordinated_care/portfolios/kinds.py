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
    widget: str = "textarea"  # textarea, text, date or radios
    hint: str = ""
    required: bool = True
    rows: int = 8
    # What to say when a required field is left empty, in the words of the GOV.UK and NHS patterns.
    error: str = ""
    choices: tuple = ()  # (value, label) pairs, for radios

    @property
    def missing_message(self):
        return self.error or f"Enter {self.label[0].lower()}{self.label[1:]}"

    @property
    def invalid_date_message(self):
        return f"{self.label} must be a real date"


@dataclass(frozen=True)
class EntryKind:
    kind: str
    label: str
    plural: str
    slug: str
    fields: tuple
    # The field the entry's title comes from; None when the service names the entry itself.
    title_from: str | None
    add_label: str = ""
    intro: str = ""
    counts_towards: str | None = None
    # Columns kept beside the content so lists can be filtered and sorted by them.
    occurred_on_from: str | None = None
    due_on_from: str | None = None
    one_per_portfolio: bool = False
    # Entries of this kind may carry uploaded files (certificates); the label names the upload.
    attachment_label: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def free_text_fields(self):
        return [f.name for f in self.fields if f.widget in ("textarea", "text")]

    def get_field(self, name):
        return next(f for f in self.fields if f.name == name)


_DATE = "date"
_TEXT = "text"
_RADIOS = "radios"

CASE_STUDY = EntryKind(
    kind=Entry.Kind.CASE_STUDY,
    label="Case study",
    plural="Case studies",
    slug="case-studies",
    title_from="title",
    add_label="Add a case study",
    counts_towards=RequiredDocument.Kind.CASE_STUDY,
    intro=(
        "Describe a person's coordination without anything that could identify them: no names, "
        "addresses, dates of birth, specific medical conditions or other unique details."
    ),
    fields=(
        Field(
            "title",
            "Title",
            _TEXT,
            hint="A short title of your own, for example 'Case study 1: hospital discharge'.",
            error="Enter a title for the case study",
        ),
        Field("overview", "Overview of coordination needs", error="Enter the overview of coordination needs"),
        Field("coordination", "Coordination that has taken place", error="Enter the coordination that has taken place"),
        Field("outcomes", "Outcomes, reflections and learning", error="Enter the outcomes, reflections and learning"),
    ),
)

REFLECTION = EntryKind(
    kind=Entry.Kind.REFLECTION,
    label="Reflection",
    plural="Reflections",
    slug="reflections",
    title_from="title",
    add_label="Add a reflection",
    occurred_on_from="occurred_on",
    intro="Reflect on something that happened in practice and what you learned from it.",
    fields=(
        Field("title", "Title", _TEXT, error="Enter a title for the reflection"),
        Field("occurred_on", "Date of the event", _DATE, required=False, hint="For example, 15 3 2026"),
        Field(
            "what_happened",
            "What happened?",
            hint="Prompt: describe the situation and your part in it.",
            error="Enter what happened",
        ),
        Field(
            "so_what",
            "What did it mean?",
            hint="Prompt: what went well, what did not, and why?",
            error="Enter what it meant",
        ),
        Field(
            "now_what",
            "What will you do next?",
            hint="Prompt: what will you keep doing or do differently?",
            error="Enter what you will do next",
        ),
    ),
)

ACTION = EntryKind(
    kind=Entry.Kind.ACTION,
    label="Action",
    plural="Action plan",
    slug="action-plan",
    title_from="area_of_focus",
    add_label="Add an action",
    due_on_from="due_on",
    counts_towards=RequiredDocument.Kind.ACTION_PLAN,
    intro="Tasks set during workshops and reviews with your practice-based facilitator to enable competency sign-off.",
    fields=(
        Field("area_of_focus", "Area of focus", _TEXT, error="Enter the area of focus"),
        Field("actions", "Actions to be taken", rows=4, error="Enter the actions to be taken"),
        Field("help", "Help to get there", rows=4, error="Enter the help to get there"),
        Field("success_measure", "Success measurement", rows=4, error="Enter how success will be measured"),
        Field(
            "due_on",
            "Date to be completed or reviewed",
            _DATE,
            hint="For example, 15 3 2026",
            error="Enter the date to be completed or reviewed",
        ),
    ),
)

INTERPROFESSIONAL_RECORD = EntryKind(
    kind=Entry.Kind.INTERPROFESSIONAL_RECORD,
    label="Interprofessional record",
    plural="Record of interprofessional working",
    slug="interprofessional-record",
    title_from="who_and_why",
    add_label="Add an interprofessional record",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.INTERPROFESSIONAL_RECORD,
    intro="Working with other healthcare professionals and developing local relationships.",
    fields=(
        Field("occurred_on", "Date", _DATE, hint="For example, 15 3 2026", error="Enter the date"),
        Field(
            "who_and_why",
            "Who and why",
            _TEXT,
            hint="Their role and organisation, not a patient's details.",
            error="Enter who you worked with and why",
        ),
        Field(
            "reflections",
            "Reflections on your learning and the importance of the relationship",
            error="Enter your reflections on your learning and the importance of the relationship",
        ),
    ),
)

ATTENDANCE_CHOICES = (("yes", "Yes"), ("partly", "Partly"), ("no", "No"))

WORKSHOP_NOTE = EntryKind(
    kind=Entry.Kind.WORKSHOP_NOTE,
    label="Workshop notes",
    plural="Workshops",
    slug="workshops",
    # Named after its workshop by the service: one set of notes per workshop.
    title_from=None,
    intro="Your attendance at the programme's workshops and what you took from each.",
    fields=(
        Field(
            "attended",
            "Did you attend this workshop?",
            _RADIOS,
            choices=ATTENDANCE_CHOICES,
            error="Select whether you attended this workshop",
        ),
        Field("notes", "Notes and learning", required=False),
    ),
)

TRAINING_RECORD = EntryKind(
    kind=Entry.Kind.TRAINING_RECORD,
    label="Training record",
    plural="CPD and training",
    slug="training",
    title_from="title",
    add_label="Add a training record",
    occurred_on_from="occurred_on",
    attachment_label="Certificate",
    intro="Training and continuing professional development, with certificates where you have them.",
    fields=(
        Field("title", "Course or activity", _TEXT, error="Enter the course or activity"),
        Field("provider", "Provider", _TEXT, required=False),
        Field("occurred_on", "Date completed", _DATE, hint="For example, 15 3 2026", error="Enter the date completed"),
        Field("learning", "What you learned", required=False, rows=5),
    ),
)

_FEEDBACK_FIELDS = (
    Field("occurred_on", "Date", _DATE, hint="For example, 15 3 2026", error="Enter the date of the feedback"),
    Field(
        "their_role",
        "Their role",
        _TEXT,
        hint="For example, social prescribing link worker. Not their name.",
        error="Enter their role",
    ),
    Field("input", "Input the care coordinator has had", error="Enter the input the care coordinator has had"),
)

KEY_PERSON_FEEDBACK = EntryKind(
    kind=Entry.Kind.KEY_PERSON_FEEDBACK,
    label="Feedback from a key person",
    plural="Ongoing feedback from key people",
    slug="key-people-feedback",
    title_from="their_role",
    add_label="Add feedback from a key person",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.FEEDBACK,
    intro="Feedback from anyone involved in your learning, written in by you.",
    fields=_FEEDBACK_FIELDS,
)

STAFF_FEEDBACK = EntryKind(
    kind=Entry.Kind.STAFF_FEEDBACK,
    label="Feedback from staff",
    plural="Ongoing feedback from staff in practice",
    slug="staff-feedback",
    title_from="their_role",
    add_label="Add feedback from staff",
    occurred_on_from="occurred_on",
    counts_towards=RequiredDocument.Kind.FEEDBACK,
    intro="Feedback from staff in your practice, written in by you.",
    fields=_FEEDBACK_FIELDS,
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

# The values worksheet is one entry per portfolio with a field per value of the programme, so it
# has its own form and page rather than a declaration here.
VALUES_WORKSHEET_TITLE = "Key values of person-centred care worksheet"
VALUES_WORKSHEET_QUESTIONS = (
    ("what", "What is it?"),
    ("why", "Why is it important to care coordination?"),
    ("practice", "How I put it into practice"),
)
