"""Administrators edit what documents are built from: the level descriptors and each competency's
content (its interview questions inline). Role profiles themselves are changed on their pages,
where the rules of drafts and published versions apply."""

from django.contrib import admin

from .models import CompetencyContent, InterviewQuestion, LevelDescriptor, RoleHolder


@admin.register(LevelDescriptor)
class LevelDescriptorAdmin(admin.ModelAdmin):
    list_display = ["level", "descriptor"]


class InterviewQuestionInline(admin.StackedInline):
    model = InterviewQuestion
    extra = 0


@admin.register(CompetencyContent)
class CompetencyContentAdmin(admin.ModelAdmin):
    list_display = ["code", "framework", "responsibility"]
    list_filter = ["framework"]
    search_fields = ["code", "responsibility"]
    inlines = [InterviewQuestionInline]


@admin.register(RoleHolder)
class RoleHolderAdmin(admin.ModelAdmin):
    """Who works in which role: their self-evaluation and their team's training needs follow."""

    list_display = ["user", "profile", "organisation", "line_manager", "started_on"]
    list_filter = ["organisation"]
    autocomplete_fields = ["user", "line_manager"]
    search_fields = ["user__full_name", "user__email"]
