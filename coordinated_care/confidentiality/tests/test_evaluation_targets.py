"""Issue 16's targets, held on every part of the guard's own evaluation set (`make eval-pii`). The
parts are written by the same hands as the rules (docs/confidentiality.md), so passing here is the
least the guard must do, not a measure of how it does on text written by others."""

import io

import pytest

from coordinated_care.confidentiality.evaluation.__main__ import evaluate, main, report
from coordinated_care.confidentiality.evaluation.dataset import PARTS, load


@pytest.fixture(scope="module")
def results():
    return {part: evaluate(part) for part in PARTS}


@pytest.mark.parametrize("part", list(PARTS))
def test_each_part_meets_the_issues_targets(results, part):
    r = results[part]
    assert r["spans_found"] / r["spans_total"] >= 0.97
    assert r["direct_found"] / r["direct_total"] >= 0.95
    assert r["interrupted"] / r["clean"] <= 1 / 15
    for gold, flagged in r["flagged"].values():
        assert not gold or flagged / gold >= 0.9


def test_the_development_part_has_every_new_kind_and_all_are_flagged(results):
    r = results["development"]
    for kind in ("CONDITION", "MRN", "UNIQUE"):
        gold, flagged = r["flagged"][kind]
        assert gold >= 9
        assert flagged == gold
    assert r["blocked_found"] == r["blocked_total"]


def test_the_second_held_out_part_has_conditions_record_numbers_and_singling_out_details():
    spans = [s.type for p in load("held-out-2") for s in p.spans]
    assert spans.count("CONDITION") >= 20 and spans.count("MRN") >= 8 and spans.count("UNIQUE") >= 7


def test_the_report_gives_figures_per_type(results):
    out = io.StringIO()
    report(results["development"], out=out)
    text = out.getvalue()
    for line in ("CONDITION flagged", "MRN flagged", "UNIQUE flagged", "clean paragraphs interrupted", "median scan"):
        assert line in text


def test_mistakes_are_shown_for_the_development_part_only():
    with pytest.raises(SystemExit):
        main(["--show", "held-out-2"])
