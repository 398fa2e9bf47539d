"""An administrator's edits of a competency's or component's role profile content in a framework
draft (ADR 23), reached from the draft's page: its four texts and its interview questions (add,
change, remove, move). To anyone else, and for a version that is not a draft, these pages do not
exist (404), as for the draft's other pages. The rules are in services/content_drafts.py."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from . import presenters_content as p
from .forms_content import ContentForm, QuestionForm
from .models import InterviewQuestion
from .services.content import content_by_code
from .services.content_drafts import (
    CONTENT_FIELDS,
    QUESTION_FIELDS,
    add_question,
    move_question,
    remove_question,
    update_content,
    update_question,
)


def _to_content(version, item):
    return redirect(p.content_href(version, item.code))


@require_http_methods(["GET", "POST"])
def content(request, slug, number, code):
    version, item = p.draft_item_for(request.user, slug, number, code)
    current = content_by_code(version).get(item.code)
    initial = {name: getattr(current, name) for name, _ in CONTENT_FIELDS} if current else {}
    form = ContentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_content(version, item.code, **{name: form.cleaned_data[name] for name, _ in CONTENT_FIELDS})
        messages.success(request, f"Saved the role profile content of {item.code} {item.title}.")
        return _to_content(version, item)
    return render(request, "roles/content/content.jinja", p.content_page(version, item, form, current))


@require_http_methods(["GET", "POST"])
def question_add(request, slug, number, code):
    version, item = p.draft_item_for(request.user, slug, number, code)
    if content_by_code(version).get(item.code) is None:
        messages.info(request, "Write the content first: then add its interview questions.")
        return _to_content(version, item)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        add_question(version, item.code, **{name: form.cleaned_data[name] for name in QUESTION_FIELDS})
        messages.success(request, f"Added an interview question to {item.code}.")
        return _to_content(version, item)
    return render(request, "roles/content/question.jinja", p.question_page(version, item, form))


@require_http_methods(["GET", "POST"])
def question_edit(request, slug, number, code, position):
    version, item = p.draft_item_for(request.user, slug, number, code)
    question = p.question_of(version, item, position)
    form = QuestionForm(request.POST or None, initial={name: getattr(question, name) for name in QUESTION_FIELDS})
    if request.method == "POST" and form.is_valid():
        try:
            update_question(version, item.code, position, **{name: form.cleaned_data[name] for name in QUESTION_FIELDS})
        except InterviewQuestion.DoesNotExist as gone:
            raise Http404("No such interview question.") from gone  # removed meanwhile
        messages.success(request, f"Saved interview question {position} of {item.code}.")
        return _to_content(version, item)
    return render(request, "roles/content/question.jinja", p.question_page(version, item, form, position=position))


@require_http_methods(["GET", "POST"])
def question_remove(request, slug, number, code, position):
    version, item = p.draft_item_for(request.user, slug, number, code)
    question = p.question_of(version, item, position)
    if request.method == "POST":
        try:
            remove_question(version, item.code, position)
        except InterviewQuestion.DoesNotExist:
            pass  # removed meanwhile: the page shows what is left
        messages.success(request, f"Removed interview question {position} of {item.code}.")
        return _to_content(version, item)
    return render(request, "roles/content/remove_question.jinja", p.remove_question_page(version, item, question))


@require_POST
def question_move(request, slug, number, code, position):
    version, item = p.draft_item_for(request.user, slug, number, code)
    p.question_of(version, item, position)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        position = move_question(version, item.code, position, direction)
    return redirect(p.content_href(version, item.code) + f"#question-{position}")
