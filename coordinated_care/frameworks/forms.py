"""The forms of an administrator's framework draft: an item's words, a new item, a move."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin

from .models import FrameworkItem
from .services.tree import CODE_MAX, TITLE_MAX

# What may sit under what: a domain holds themes, competencies and components; a theme or a
# competency holds components.
CHILD_KINDS = {
    None: [FrameworkItem.Kind.DOMAIN],
    FrameworkItem.Kind.DOMAIN: [
        FrameworkItem.Kind.COMPETENCY,
        FrameworkItem.Kind.THEME,
        FrameworkItem.Kind.COMPONENT,
    ],
    FrameworkItem.Kind.THEME: [FrameworkItem.Kind.COMPONENT],
    FrameworkItem.Kind.COMPETENCY: [FrameworkItem.Kind.COMPONENT],
    FrameworkItem.Kind.COMPONENT: [],
}


class ItemForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=CODE_MAX,
        help_text="A short code without spaces, for example COM.5. Keep it unless it is wrong.",
        error_messages={"required": "Enter a code", "max_length": f"Enter a code of at most {CODE_MAX} characters"},
    )
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={"required": "Enter a title", "max_length": f"Enter a title of at most {TITLE_MAX} characters"},
    )
    description = forms.CharField(
        label="Text",
        widget=forms.Textarea,
        help_text="What the framework says. Leave a blank line between paragraphs.",
        error_messages={"required": "Enter the text"},
    )
    notes = forms.CharField(
        label="Editorial notes (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="For example, where the text was mended and why. Shown beside the item.",
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if any(character.isspace() or character == "/" for character in code):
            raise forms.ValidationError("Enter a code without spaces or ‘/’", code="code_format")
        return code


class EditItemForm(ItemForm):
    reidentify = forms.BooleanField(
        label="This change alters what the item means",
        required=False,
        help_text=(
            "It gets a new identifier for other systems (CASE). Programmes and role profiles still follow it. "
            "Leave it unticked for a correction of spelling or wording."
        ),
    )


class NewItemForm(ItemForm):
    kind = forms.ChoiceField(
        label="What are you adding?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are adding", "invalid_choice": "Choose one of the types listed"},
    )
    field_order = ["kind", "code", "title", "description", "notes"]

    def __init__(self, *args, parent_kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = CHILD_KINDS[parent_kind]
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0].value
