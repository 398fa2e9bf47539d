"""What a framework draft's competency content pages show (views_content.py), and what this app adds
to the framework's draft pages (frameworks.providers_drafts): a link to each competency's and
component's content, and the content the draft changes on the compare and publish pages."""

from django.http import Http404
from django.urls import reverse

from coordinated_care.frameworks.models import FrameworkItem
from coordinated_care.frameworks.presenters_drafts import draft_for, draft_href, item_of

from .services.content import content_by_code
from .services.content_drafts import compare_content

# The items a role profile picks, and so the items with content.
KINDS = (FrameworkItem.Kind.COMPETENCY, FrameworkItem.Kind.COMPONENT)


def content_href(version, code, name="roles:content", **kwargs):
    return reverse(name, kwargs={"slug": version.framework.slug, "number": version.number, "code": code, **kwargs})


def draft_item_for(user, slug, number, code):
    """The draft and its competency or component `code`, for an administrator; 404 otherwise, as
    for the draft's other pages (a published version's content is not edited here either)."""
    version = draft_for(user, slug, number)
    item = item_of(version, code)
    if item.kind not in KINDS:
        raise Http404("Only competencies and components have content.")
    return version, item


# Registered with frameworks.providers_drafts (apps.py).


def content_links(version, items):
    return {
        item.pk: [{"text": "Role profile content", "href": content_href(version, item.code)}]
        for item in items
        if item.kind in KINDS
    }


def _paragraphs(text):
    return [line.strip() for line in text.splitlines() if line.strip()] if isinstance(text, str) else list(text)


def content_comparison(base, draft):
    titles = dict(draft.items.filter(kind__in=KINDS).values_list("code", "title"))
    changed = [
        {
            "label": f"{change.code} {titles.get(change.code, '')}".strip(),
            "href": content_href(draft, change.code) if change.code in titles else "",
            "fields": [
                {"label": label, "before": _paragraphs(before) or ["(none)"], "after": _paragraphs(after) or ["(none)"]}
                for label, before, after in change.fields
            ],
        }
        for change in compare_content(base, draft)
    ]
    return [{"heading": "Role profile content", "changed": changed}]


# The content pages.


def content_page(version, item, form, content):
    """`content`: what the draft reads for the item (content_by_code), or None."""
    own = content is not None and content.version_id == version.pk
    questions = list(content.questions.all()) if content else []
    return {
        "page_title": f"Role profile content of {item.code} {item.title}",
        "framework": version.framework,
        "version": version,
        "item": item,
        "content": content,
        # The version the content is read from until the draft changes it.
        "read_from": None if own or content is None else content.version,
        "form": form,
        "questions": [
            {
                "question": question,
                "edit_href": content_href(version, item.code, "roles:edit_question", position=question.position),
                "remove_href": content_href(version, item.code, "roles:remove_question", position=question.position),
                "move_href": content_href(version, item.code, "roles:move_question", position=question.position),
                "first": index == 0,
                "last": index == len(questions) - 1,
            }
            for index, question in enumerate(questions)
        ],
        "add_question_href": content_href(version, item.code, "roles:add_question") if content else None,
        "back_href": draft_href(version) + f"#item-{item.pk}",
    }


def question_of(version, item, position):
    content = content_by_code(version).get(item.code)
    question = next((q for q in content.questions.all() if q.position == position), None) if content else None
    if question is None:
        raise Http404("No such interview question.")
    return question


def question_page(version, item, form, *, position=None):
    return {
        "page_title": (
            f"Change interview question {position} of {item.code}"
            if position
            else f"Add an interview question to {item.code}"
        ),
        "version": version,
        "item": item,
        "position": position,
        "form": form,
        "back_href": content_href(version, item.code),
    }


def remove_question_page(version, item, question):
    return {
        "page_title": f"Remove interview question {question.position} of {item.code}",
        "version": version,
        "item": item,
        "question": question,
        "back_href": content_href(version, item.code),
    }
