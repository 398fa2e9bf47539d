"""The pages of an invitation to sign, for someone without an account."""

from django import forms

from coordinated_care.core.forms import ServiceErrorsMixin


class CodeForm(ServiceErrorsMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=6,
        min_length=6,
        help_text="The 6 numbers in the e-mail we sent you.",
        error_messages={
            "required": "Enter the code we e-mailed you",
            "min_length": "Enter the 6 numbers of the code",
            "max_length": "Enter the 6 numbers of the code",
        },
    )
    error_fields = {"expired": "code", "attempts": "code"}

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("The code is 6 numbers")
        return code


class InvitationSignForm(ServiceErrorsMixin, forms.Form):
    name = forms.CharField(label="Your full name", max_length=200, error_messages={"required": "Enter your full name"})
    role = forms.CharField(
        label="Your role",
        max_length=200,
        help_text="For example, workplace supervisor, practice manager or social prescribing link worker.",
        error_messages={"required": "Enter your role"},
    )
    registration = forms.CharField(
        label="Professional registration number (if you have one)",
        required=False,
        max_length=100,
        help_text="For example, your NMC, GMC or HCPC number.",
    )
    confirm = forms.BooleanField(
        label="I have read this review and I agree that it is an accurate record",
        error_messages={"required": "Confirm that you have read the review and agree with it"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    error_fields = {"required": "name", "signed": None, "incomplete": None}
