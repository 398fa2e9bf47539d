"""The text area and button written out for forms not sent yet (portfolios/_written_fields.jinja)
are the NHS.UK macros' markup: the design system's styles, scripts and accessibility rely on it."""

import pytest

from coordinated_care.core.tests.markup import normalised, render
from coordinated_care.portfolios.forms.linking import LinkToCriterionForm

WRITING = {"data-portfolio-writing": "text", "data-confidentiality-check": "/confidentiality/check/"}


@pytest.mark.parametrize("hint", [None, 'Say what in the entry shows <PC1> & "how".'])
def test_the_written_out_text_area_is_the_nhs_macros_markup(hint):
    field = LinkToCriterionForm(auto_id="link-pc1-%s")["how_it_shows"]
    written = render(
        '{% from "portfolios/_written_fields.jinja" import unsentTextArea %}'
        "{{ unsentTextArea(field, 3, writing, hint=hint) }}",
        field=field,
        writing=WRITING,
        hint=hint,
    )
    params = {"rows": 3, "attributes": WRITING, **({"hint": hint} if hint else {})}
    macro = render(
        '{% from "includes/forms.jinja" import textArea %}{{ textArea(field, params) }}', field=field, params=params
    )
    assert normalised(written) == normalised(macro)
    assert 'id="link-pc1-how_it_shows"' in written
    if hint:
        assert "&lt;PC1&gt; &amp; &#34;how&#34;." in written or "&lt;PC1&gt; &amp; &quot;how&quot;." in written


@pytest.mark.parametrize("classes", ["", "nhsuk-button--secondary nhsuk-button--small"])
def test_the_written_out_button_is_the_nhs_macros_markup(classes):
    written = render(
        '{% from "portfolios/_written_fields.jinja" import submitButton %}{{ submitButton("Link to <PC1>", classes) }}',
        classes=classes,
    )
    params = {"text": "Link to <PC1>", **({"classes": classes} if classes else {})}
    macro = render('{% from "nhsuk/components/button/macro.jinja" import button %}{{ button(params) }}', params=params)
    assert normalised(written) == normalised(macro)
    assert "Link to &lt;PC1&gt;" in written


def test_attributes_are_escaped():
    field = LinkToCriterionForm()["how_it_shows"]
    html = render(
        '{% from "portfolios/_written_fields.jinja" import unsentTextArea %}{{ unsentTextArea(field, 3, attrs) }}',
        field=field,
        attrs={"data-x": '"><script>alert(1)</script>'},
    )
    assert "<script>" not in html


def test_the_written_out_content_sections_are_the_nhs_summary_lists_markup():
    from markupsafe import Markup

    from coordinated_care.portfolios.models import Entry
    from coordinated_care.portfolios.presenters import content_sections

    sections = content_sections(
        Entry.Kind.CASE_STUDY,
        {"overview": "First <b>line</b>\nsecond line\n\nA paragraph & more", "coordination": "", "outcomes": "x"},
    )
    assert sections[0]["plain"] and len(sections[0]["rows"]) > 1
    written = render(
        '{% from "portfolios/_macros.jinja" import contentSections %}{{ contentSections(sections) }}',
        sections=sections,
    )
    macro = render(
        '{% from "nhsuk/components/summary-list/macro.jinja" import summaryList %}'
        '{% for section in sections %}{{ summaryList({"rows": section.rows}) }}{% endfor %}',
        sections=sections,
    )
    assert normalised(written) == normalised(macro)
    assert "<b>" not in written
    assert isinstance(sections[0]["rows"][0]["value"]["html"], Markup)


def test_the_written_out_select_is_the_nhs_macros_markup():
    from coordinated_care.portfolios.forms.linking import EvidenceForCriterionForm

    form = EvidenceForCriterionForm(
        [("4de40c5f-cc2b-49c0-ac5e-50cab1b5564c", 'Case study: <home> & "away"'), ("b", "B")]
    )
    written = render(
        '{% from "portfolios/_written_fields.jinja" import unsentSelect %}{{ unsentSelect(form.entry) }}', form=form
    )
    macro = render('{% from "includes/forms.jinja" import selectField %}{{ selectField(form.entry) }}', form=form)
    assert normalised(written) == normalised(macro)
    assert "<home>" not in written and "selected" in written
