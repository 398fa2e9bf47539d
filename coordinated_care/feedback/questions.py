"""The Portfolio Document's feedback forms in its own words, declared once: the public forms, the
paper transcription, the summary and the tests all read these, so they cannot drift apart."""

from dataclasses import dataclass

# The PD's five-point scale, in the PD's order. Stored as 5 (very happy) down to 1 (very unhappy)
# so that a higher number is always the happier answer.
SCALE = (
    (5, "Very happy"),
    (4, "Happy"),
    (3, "I am unsure"),
    (2, "Unhappy"),
    (1, "Very unhappy"),
)
SCALE_LABELS = dict(SCALE)

STEM = "How happy were you with the way the care coordinator"


@dataclass(frozen=True)
class Question:
    field: str  # the column on FeedbackResponse
    ending: str  # the PD's words after the stem

    @property
    def legend(self):
        return f"{STEM} {self.ending}"

    @property
    def short(self):
        """The question without its stem, for tables and headings: "Understood your individual needs"."""
        return self.ending.rstrip("?")[:1].upper() + self.ending.rstrip("?")[1:]


QUESTIONS = (
    Question("needs", "understood your individual needs?"),
    Question("choice", "explained the importance of choice?"),
    Question("talked", "talked to you?"),
    Question("respect", "showed you respect?"),
    Question("feelings", "understood the way you felt?"),
)
SCORE_FIELDS = tuple(q.field for q in QUESTIONS)

DID_WELL = "What did the care coordinator do well?"
DO_DIFFERENTLY = "What could the care coordinator have done differently?"

# The PD's "Ongoing feedback" pages: date, the person's role and the input the coordinator has had.
THEIR_ROLE = "Your role"
INPUT = "Input the care coordinator has had"

# The PD's consent wording, kept word for word.
CONSENT_INTRO = "We would like to hear your views about the way the care coordinator has helped you."
CONSENT_POINTS = (
    "Your feedback will help the care coordinator’s learning",
    "The feedback will not affect the quality of your care",
)

# Said to a member of the public wherever they can type freely.
PUBLIC_FREE_TEXT_HINT = (
    "Please don't include names, addresses, dates of birth or other details that could identify you or anyone else."
)
