"""The base of every portfolio form."""

from django import forms

from coordinated_care.confidentiality.forms import DECLARATION, ConfidentialityCheckedFormMixin

from .fields import NHSDateField


class PortfolioForm(ConfidentialityCheckedFormMixin, forms.Form):
    """Base of every form that writes into a portfolio: the confidentiality guard scans each text
    field (and the text of each uploaded document) before anything is saved, and asks the learner
    to confirm any name it finds (docs/confidentiality.md)."""

    def _declaration_last(self):
        # The guard adds its declaration first; it belongs after the writing, before Save, and so
        # in the error summary too.
        self.fields[DECLARATION] = self.fields.pop(DECLARATION)

    def declarations(self):
        """What the learner confirmed, to keep with what they saved."""
        return [declaration.as_dict() for declaration in self.confidentiality_declarations]

    def restore(self, data):
        """Fill an unbound form with a draft's writing, as the fields were when it was kept."""
        for name, field in self.fields.items():
            if isinstance(field, NHSDateField):
                self.initial[name] = [data.get(f"{name}_{part}", "") for part in field.PARTS]
            elif isinstance(field, forms.BooleanField):
                self.initial[name] = data.get(name) in ("on", "true", "1")
            elif isinstance(field, forms.FileField):
                continue
            elif name in data:
                self.initial[name] = data[name]
