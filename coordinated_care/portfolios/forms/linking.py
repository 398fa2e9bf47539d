"""Linking one entry to one criterion, from either side: from the entry's page (a suggested
criterion) and from the criterion's page (add evidence for this criterion)."""

from django import forms

from .base import PortfolioForm
from .fields import nhs_field
from .portfolio import HOW_IT_SHOWS_MAX


def _how_it_shows(label):
    return nhs_field(
        forms.CharField(
            label=label,
            max_length=HOW_IT_SHOWS_MAX,
            widget=forms.Textarea,
            error_messages={
                "required": "Enter how this entry shows the criterion",
                "max_length": f"How this entry shows the criterion must be {HOW_IT_SHOWS_MAX:,} characters or fewer",
            },
        ),
        "textarea",
        3,
    )


def link_form_id(code):
    """Ids of their own for each suggestion's form on the entry's page (several on one page)."""
    return f"link-{code.lower()}-%s"


class LinkToCriterionForm(PortfolioForm):
    """From the entry's page: how it shows the criterion suggested (named by the address)."""

    how_it_shows = _how_it_shows("How this entry shows it")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._declaration_last()


class EvidenceForCriterionForm(PortfolioForm):
    """From the criterion's page: which entry shows it, and how."""

    entry = forms.ChoiceField(
        label="Which entry shows it",
        error_messages={"required": "Select the entry that shows this criterion", "invalid_choice": "Select an entry"},
    )
    how_it_shows = _how_it_shows("How this entry shows it")

    def __init__(self, entries, *args, **kwargs):
        """`entries`: [(uuid, label)] of the portfolio's entries not yet linked to the criterion."""
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "Select an entry"), *[(str(uuid), label) for uuid, label in entries]]
        self._declaration_last()
