from coordinated_care.confidentiality.evaluation.dataset import PARTS, load, parse
from coordinated_care.confidentiality.findings import KINDS


def test_markup_becomes_text_and_offsets():
    paragraph = parse("I met [[Mrs Patel|PERSON]] on [[07700 900123|PHONE_NUMBER]].")
    assert paragraph.text == "I met Mrs Patel on 07700 900123."
    assert [(paragraph.text[s.start : s.end], s.type) for s in paragraph.spans] == [
        ("Mrs Patel", "PERSON"),
        ("07700 900123", "PHONE_NUMBER"),
    ]


def test_the_set_has_two_parts_of_at_least_200_paragraphs_with_clean_ones_in_each():
    parts = {part: load(part) for part in PARTS}
    assert sum(len(p) for p in parts.values()) >= 200
    for paragraphs in parts.values():
        assert sum(1 for p in paragraphs if not p.spans) >= 50
        for p in paragraphs:
            assert "[[" not in p.text and "]]" not in p.text
            for span in p.spans:
                assert span.type in KINDS
                assert 0 <= span.start < span.end <= len(p.text)
