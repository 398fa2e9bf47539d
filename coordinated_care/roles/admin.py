"""Administrators edit what documents are built from: the level descriptors and each competency's
content (its interview questions inline). Role profiles themselves are changed on their pages,
where the rules of drafts and published versions apply."""

from django.contrib import admin

from .models import CompetencyContent, InterviewQuestion, LevelDescriptor


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
