"""Administrators edit what documents are built from: the level descriptors here, each competency's
content on the framework draft's pages (views_content.py, ADR 23). The admin shows the content
(its interview questions inline) and changes only a draft's. Role profiles themselves are changed
on their pages, where the rules of drafts and published versions apply."""

from django.contrib import admin

from .models import CompetencyContent, InterviewQuestion, LevelDescriptor, RoleHolder


@admin.register(LevelDescriptor)
class LevelDescriptorAdmin(admin.ModelAdmin):
    list_display = ["level", "descriptor"]


def _of_a_draft(content):
    return content is None or content.version.is_draft


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    extra = 0

    def has_add_permission(self, request, obj=None):
        return _of_a_draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return _of_a_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _of_a_draft(obj) and super().has_delete_permission(request, obj)


@admin.register(CompetencyContent)
class CompetencyContentAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "responsibility"]
    list_filter = ["version__framework", "version__number"]
    list_select_related = ["version__framework"]
    search_fields = ["code", "responsibility"]
    inlines = [InterviewQuestionInline]

    # A published version's content never changes (models/content.py): the admin only shows it.
    def has_change_permission(self, request, obj=None):
        return _of_a_draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _of_a_draft(obj) and super().has_delete_permission(request, obj)


@admin.register(RoleHolder)
class RoleHolderAdmin(admin.ModelAdmin):
    """Who works in which role: their self-evaluation and their team's training needs follow."""

    list_display = ["user", "profile", "organisation", "line_manager", "started_on"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user", "line_manager"]
    search_fields = ["user__full_name", "user__email"]
