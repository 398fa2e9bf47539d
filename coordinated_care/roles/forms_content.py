"""The forms of a framework draft's competency content: its four texts, and an interview question.
The confidentiality guard checks their free text, as it does the framework's own words."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin


def _text(label, required_error, help_text="", rows=None):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows} if rows else None),
        help_text=help_text,
        error_messages={"required": required_error},
    )


class ContentForm(ConfidentialityCheckedFormMixin, forms.Form):
    responsibility = _text(
        "Responsibility",
        "Enter the responsibility",
        "A key responsibility for a job description, in a sentence or two.",
    )
    person_specification = _text(
        "Person specification", "Enter the line for the person specification", "A line for the person specification."
    )
    evidence_examples = _text("Examples of evidence", "Enter at least one example of evidence", "One a line.")
    appraisal_prompts = _text(
        "Prompts for appraisal and supervision",
        "Enter at least one prompt for appraisal and supervision",
        "One a line.",
    )


class QuestionForm(ConfidentialityCheckedFormMixin, forms.Form):
    question = _text("Question", "Enter the question")
    good_answer = _text("What a good answer shows", "Enter what a good answer shows")
    score_1 = _text("Score 1: not shown", "Enter what scores 1")
    score_2 = _text("Score 2: partly shown", "Enter what scores 2")
    score_3 = _text("Score 3: shown", "Enter what scores 3")
    score_4 = _text("Score 4: shown strongly", "Enter what scores 4")
