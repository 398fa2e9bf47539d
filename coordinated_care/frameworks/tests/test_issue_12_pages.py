"""Issue 12: an editorial note is text, never markup; the checklist's introduction is true for a
web page."""

import pytest
from django.urls import reverse

from coordinated_care.frameworks.services import add_item, new_version_from, publish
from coordinated_care.frameworks.services.text import plain_text

SLUG = "making-sense-of-coordinated-care"


def item_url(number, code, kind="competency"):
    return reverse("framework:item", kwargs={"slug": SLUG, "number": number, "kind": kind, "code": code})


def test_the_editorial_note_is_shown_as_words_not_as_escaped_markup(signed_in, learner, shipped):
    page = signed_in(learner).get(item_url(1, "REL.6")).content.decode()
    note = page.split('class="nhsuk-inset-text"', 1)[1].split("</div>", 1)[0]
    assert '<span class="nhsuk-u-visually-hidden">Editorial note: </span>' in note
    assert "&lt;" not in note
    assert "<p>" in note and "Portfolio Document" in note


@pytest.mark.django_db
def test_a_note_stored_with_html_is_shown_as_its_words_and_its_tags_never_run(signed_in, learner, shipped):
    draft = new_version_from(shipped)
    domain = draft.items.get(code="REL")
    add_item(
        draft,
        kind="competency",
        code="REL.99",
        title="A competency with a marked-up note",
        description="Its text.",
        parent=domain,
        notes='<p><span style="x">Mended</span> from the <b>PD</b>.</p><script>alert(1)</script>',
    )
    publish(draft)
    page = signed_in(learner).get(item_url(2, "REL.99")).content.decode()
    note = page.split('class="nhsuk-inset-text"', 1)[1].split("</div>", 1)[0]
    assert "Mended from the PD." in note
    assert "<b>" not in note and "&lt;" not in note and "<script" not in note


def test_plain_text_keeps_paragraphs_and_leaves_plain_words_alone():
    assert plain_text("<p>One &amp; two</p><p>Three<br>four</p>") == "One & two\n\nThree\n\nfour"
    assert plain_text("Fewer than 5 < 6 people.\n\nSecond.") == "Fewer than 5 < 6 people.\n\nSecond."
    assert plain_text("") == ""


def test_the_checklist_introduction_links_to_the_competencies_instead_of_page_9(signed_in, employer, shipped):
    page = signed_in(employer).get(reverse("framework:checklist", kwargs={"slug": SLUG})).content.decode()
    assert "page 9" not in page
    assert "the key competencies of this framework, set out in its four domains" in page
    assert f'href="/framework/{SLUG}/"' in page
