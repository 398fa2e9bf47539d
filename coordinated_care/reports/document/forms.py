"""The form of /verify/: the code printed on a portfolio PDF's pages, and the file if there is one."""

from django import forms

from .services import CODE_LENGTH, normalise_code

# A portfolio PDF is a few hundred kilobytes; anything far larger is not one of ours.
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Verification code",
        help_text="It is printed at the foot of every page, for example 7KQ2-M9XD-4RTA.",
        max_length=20,
        required=False,
    )
    file = forms.FileField(
        label="The PDF (optional)",
        help_text="Upload the file to check that it is exactly the one the service made.",
        required=False,
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data.get("code"))
        if code and len(code) != CODE_LENGTH:
            raise forms.ValidationError("Enter the 12 letters and numbers of the code, for example 7KQ2-M9XD-4RTA")
        return code

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        return upload

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("code") and not cleaned.get("file"):
            self.add_error("code", "Enter the verification code printed on the PDF")
        return cleaned
