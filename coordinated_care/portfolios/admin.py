"""Administrators replace what the suggested criteria read about a criterion: its short
description and its examples of evidence (portfolios.suggestions). The text is the service's own,
written for every learner of the programme, and passes the confidentiality guard as any other."""

from django import forms
from django.contrib import admin

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.programmes.models import Criterion

from .models import CriterionExamples


class CriterionExamplesForm(ConfidentialityCheckedFormMixin, forms.ModelForm):
    class Meta:
        model = CriterionExamples
        fields = ["criterion", "summary", "examples"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = Criterion.objects.select_related("programme").order_by(
            "programme__title", "group__position", "position"
        )
        self.fields["examples"].help_text = (
            "One a line, in the words care coordinators use. These replace the examples shipped "
            "with the service for this criterion; delete this record to use those again."
        )


@admin.register(CriterionExamples)
class CriterionExamplesAdmin(admin.ModelAdmin):
    form = CriterionExamplesForm
    list_display = ["criterion", "summary", "updated_at"]
    list_select_related = ["criterion__programme"]
    search_fields = ["criterion__code", "criterion__title", "summary"]

    def get_fields(self, request, obj=None):
        # The guard's declaration is asked for only when it found something (confidentiality.forms).
        return ["criterion", "summary", "examples"]
