"""Administrators build programmes from any published framework version, and can set up cohorts
and correct enrolments. A programme's criteria, documents, workshop plan and values are edited
on the programme's own page; its criteria may map only to items of its own framework version.

Versions (ADR 17): only a draft version is edited here. A published or retired version is shown
read-only, and its status is never set here: a change starts a new draft, and a draft is published,
on the programme's versions page in the service (programmes.services.versions)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.frameworks.models import FrameworkItem, FrameworkVersion

from .models import (
    Cohort,
    Criterion,
    CriterionGroup,
    Enrolment,
    PersonCentredValue,
    Programme,
    RequiredDocument,
    Workshop,
    WorkshopPlanItem,
)
from .services import building, schedule_workshops


class ProgrammeAdminForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["title", "slug", "status", "description", "framework_version", "duration_months", "prerequisite"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "framework_version" not in self.fields:
            return  # a published version, shown read-only (ADR 17)
        published = FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED)
        if self.instance.framework_version_id:
            published = published | FrameworkVersion.objects.filter(pk=self.instance.framework_version_id)
        self.fields["framework_version"].queryset = published.select_related("framework").order_by(
            "framework__title", "number"
        )
        self.fields["framework_version"].help_text = "Programmes are built from a published framework version."

    def clean_framework_version(self):
        version = self.cleaned_data.get("framework_version")
        previous = Programme.objects.filter(pk=self.instance.pk).values_list("framework_version", flat=True).first()
        building.check_framework_version(version, already_chosen=previous == version.pk)
        if previous and version.pk != previous:
            building.check_programme_mapping(self.instance, version)
        return version


class ProgrammePartsFormSet(BaseInlineFormSet):
    """Limits each form's choices to the programme's own groups and framework version items."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        programme = self.instance
        version_id = programme.framework_version_id if programme else None
        items = FrameworkItem.objects.filter(version_id=version_id).order_by("code")
        groups = CriterionGroup.objects.filter(programme=programme) if programme.pk else CriterionGroup.objects.none()
        if "competencies" in form.fields:
            form.fields["competencies"].queryset = items
        if "framework_domain" in form.fields:
            form.fields["framework_domain"].queryset = items.filter(kind=FrameworkItem.Kind.DOMAIN)
        for name in ("group", "criterion_group"):
            if name in form.fields:
                form.fields[name].queryset = groups

    def clean(self):
        super().clean()
        if not self.instance.framework_version_id:
            return  # the programme's own form says what is missing
        version = self.instance.framework_version
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form) or not hasattr(form, "cleaned_data"):
                continue
            try:
                if "competencies" in form.cleaned_data:
                    building.check_competencies(version, form.cleaned_data["competencies"])
                if form.cleaned_data.get("framework_domain") is not None:
                    building.check_framework_domain(version, form.cleaned_data["framework_domain"])
            except ValidationError as error:
                field = "competencies" if error.code == "other_version" else "framework_domain"
                form.add_error(field, error)


def _is_draft(programme):
    return programme is None or programme.status == Programme.Status.DRAFT


class DraftOnlyInline:
    """A programme's parts change only while it is a draft (ADR 17)."""

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_delete_permission(request, obj)


class CriterionGroupInline(DraftOnlyInline, admin.StackedInline):
    model = CriterionGroup
    formset = ProgrammePartsFormSet
    fields = ["position", "code", "title", "description", "evidence_guidance", "notes", "framework_domain"]
    extra = 0


class CriterionInline(DraftOnlyInline, admin.StackedInline):
    model = Criterion
    formset = ProgrammePartsFormSet
    fields = ["group", "position", "code", "title", "wording", "notes", "competencies"]
    extra = 0
    verbose_name_plural = "criteria (save the programme with its groups first)"


class RequiredDocumentInline(DraftOnlyInline, admin.TabularInline):
    model = RequiredDocument
    fields = ["position", "kind", "minimum", "guidance"]
    extra = 0


class WorkshopPlanItemInline(DraftOnlyInline, admin.TabularInline):
    model = WorkshopPlanItem
    formset = ProgrammePartsFormSet
    fields = ["number", "theme", "weeks_after_start", "criterion_group"]
    extra = 0


class PersonCentredValueInline(DraftOnlyInline, admin.TabularInline):
    model = PersonCentredValue
    fields = ["position", "name"]
    extra = 0
    verbose_name = "value of the values worksheet"
    verbose_name_plural = "values of the values worksheet"


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    form = ProgrammeAdminForm
    list_display = ["title", "status", "framework_version", "duration_months"]
    list_filter = ["status"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}

    def has_change_permission(self, request, obj=None):
        return _is_draft(obj) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # A version is published from the service's draft page, which retires the one before.
        return ["status"] if obj is not None else []

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if obj is None else {}

    def get_inlines(self, request, obj):
        # Criteria belong to a group: they are added once the programme and its groups are saved.
        if obj is None:
            return [CriterionGroupInline, RequiredDocumentInline, WorkshopPlanItemInline, PersonCentredValueInline]
        return [
            CriterionGroupInline,
            CriterionInline,
            RequiredDocumentInline,
            WorkshopPlanItemInline,
            PersonCentredValueInline,
        ]


class WorkshopInline(admin.TabularInline):
    model = Workshop
    fields = ["number", "theme", "date", "location"]
    extra = 0


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    fields = ["programme", "name", "start_date", "training_provider", "leads"]
    list_display = ["name", "programme", "training_provider", "start_date"]
    search_fields = ["name"]
    autocomplete_fields = ["training_provider", "leads"]
    inlines = [WorkshopInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            schedule_workshops(obj)


class EnrolmentAdminForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = [
            "cohort",
            "learner",
            "practice",
            "facilitator",
            "supervisor",
            "additional_signatory_name",
            "additional_signatory_email",
            "status",
        ]

    def clean_facilitator(self):
        facilitator = self.cleaned_data["facilitator"]
        if not has_role(facilitator, Role.FACILITATOR):
            raise ValidationError(f"{facilitator} does not hold the practice-based facilitator role.")
        return facilitator


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    form = EnrolmentAdminForm
    list_display = ["learner", "cohort", "practice", "facilitator", "status"]
    list_filter = ["status"]
    search_fields = ["learner__full_name", "learner__email", "cohort__name"]
    autocomplete_fields = ["cohort", "learner", "practice", "facilitator", "supervisor"]
