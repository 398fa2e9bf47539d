"""The task list written out (includes/task_list.jinja) is the NHS.UK macro's markup, row for row:
the design system's styles, scripts and accessibility rely on it."""

import pytest

from coordinated_care.core.tests.markup import normalised, render

ITEMS = [
    {
        "title": "PC1 Communicate <clearly> & kindly",
        "href": "/portfolio/x/criteria/PC1/",
        "tag": ("Signed off", "green"),
    },
    {
        "title": "Case studies",
        "href": "/portfolio/x/case-studies/",
        "hint": "1 of at least 3",
        "tag": ("In progress", "blue"),
    },
    {"title": "Values worksheet", "href": None, "hint": None, "status": "Done"},
    {"title": "Action plan", "href": None, "hint": "Started", "tag": ("Not started", "white")},
]


def test_the_written_out_task_list_is_the_nhs_macros_markup():
    ours = [
        {
            "title": item["title"],
            "href": item["href"],
            "hint": item.get("hint"),
            "status": item.get("status"),
            "tag": {"text": item["tag"][0], "colour": item["tag"][1]} if "tag" in item else None,
        }
        for item in ITEMS
    ]
    nhs = [
        {
            "title": {"text": item["title"]},
            "href": item["href"] or False,
            "hint": {"text": item["hint"]} if item.get("hint") else None,
            "status": {"tag": {"text": item["tag"][0], "colour": item["tag"][1]}}
            if "tag" in item
            else {"text": item["status"]},
        }
        for item in ITEMS
    ]
    written = render(
        '{% from "includes/task_list.jinja" import taskList %}{{ taskList("criteria-pc", items) }}', items=ours
    )
    macro = render(
        '{% from "nhsuk/components/task-list/macro.jinja" import taskList %}'
        '{{ taskList({"idPrefix": "criteria-pc", "items": items}) }}',
        items=nhs,
    )
    assert normalised(written) == normalised(macro)
    assert "&lt;clearly&gt; &amp; kindly" in written


@pytest.mark.parametrize("title", ["<script>alert(1)</script>", '" onmouseover="x'])
def test_titles_are_escaped(title):
    html = render(
        '{% from "includes/task_list.jinja" import taskList %}{{ taskList("x", [{"title": title, "href": href}]) }}',
        title=title,
        href='/a/" onclick="x',
    )
    assert "<script>" not in html and 'onclick="x' not in html and 'onmouseover="x' not in html
