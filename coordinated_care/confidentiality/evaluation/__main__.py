"""`python -m coordinated_care.confidentiality.evaluation [--show development]`: recall and precision per
type, recall of direct identifiers, the share of conditions, record numbers and singling-out details
flagged, and the share of clean paragraphs interrupted, for each part.

--show prints each miss and each false interruption, and refuses the held-out parts: reading their
mistakes while changing the rules would turn them into more development sets."""

import argparse
import statistics
import sys
import time

from coordinated_care.confidentiality.findings import INTERRUPTING, KINDS, Action
from coordinated_care.confidentiality.service import scan

from .dataset import PARTS, load

# Issue 16's direct identifiers: each must interrupt the save (block or confirm).
DIRECT = {"PERSON", "NHS_NUMBER", "MRN", "POSTCODE", "ADDRESS", "DATE_OF_BIRTH", "PHONE_NUMBER", "EMAIL_ADDRESS"}
# Details that identify with other details: each must be flagged (interrupt), and a record number blocked.
DETAILS = ("CONDITION", "MRN", "UNIQUE")
# A paragraph is clean when nothing in it should interrupt the save.
SHOULD_INTERRUPT = {name for name, kind in KINDS.items() if kind.action in INTERRUPTING}


def overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def evaluate(part: str, show: bool = False, out=sys.stdout) -> dict:
    paragraphs = load(part)
    gold_by_type, found_by_type, predicted_by_type, correct_by_type = {}, {}, {}, {}
    direct_total = direct_found = blocked_total = blocked_found = clean = interrupted = 0
    spans_total = spans_found = 0
    flagged = dict.fromkeys(DETAILS, 0)
    seconds = []
    for paragraph in paragraphs:
        started = time.perf_counter()
        findings = scan(paragraph.text)
        seconds.append(time.perf_counter() - started)
        for span in paragraph.spans:
            gold_by_type[span.type] = gold_by_type.get(span.type, 0) + 1
            spans_total += 1
            spans_found += any(overlaps(f, span) for f in findings)
            if any(f.type == span.type and overlaps(f, span) for f in findings):
                found_by_type[span.type] = found_by_type.get(span.type, 0) + 1
            if span.type in flagged:
                flagged[span.type] += any(f.action in INTERRUPTING and overlaps(f, span) for f in findings)
            if span.type in DIRECT:
                direct_total += 1
                hit = any(f.action in INTERRUPTING and overlaps(f, span) for f in findings)
                direct_found += hit
                if show and not hit:
                    print(
                        f"  miss  line {paragraph.line}: {span.type} {paragraph.text[span.start : span.end]!r}",
                        file=out,
                    )
            if KINDS[span.type].action == Action.BLOCK:
                blocked_total += 1
                blocked_found += any(f.action == Action.BLOCK and overlaps(f, span) for f in findings)
        for f in findings:
            predicted_by_type[f.type] = predicted_by_type.get(f.type, 0) + 1
            if any(s.type == f.type and overlaps(f, s) for s in paragraph.spans):
                correct_by_type[f.type] = correct_by_type.get(f.type, 0) + 1
            elif show:
                print(
                    f"  extra line {paragraph.line}: {f.type}/{f.action} {paragraph.text[f.start : f.end]!r}", file=out
                )
        if not any(s.type in SHOULD_INTERRUPT for s in paragraph.spans):
            clean += 1
            if any(f.action in INTERRUPTING for f in findings):
                interrupted += 1
                if show:
                    print(f"  interrupted clean line {paragraph.line}", file=out)
    return {
        "part": part,
        "paragraphs": len(paragraphs),
        "clean": clean,
        "interrupted": interrupted,
        "direct_total": direct_total,
        "direct_found": direct_found,
        "blocked_total": blocked_total,
        "blocked_found": blocked_found,
        "spans_total": spans_total,
        "spans_found": spans_found,
        "flagged": {t: (gold_by_type.get(t, 0), flagged[t]) for t in DETAILS},
        "median_ms": round(statistics.median(seconds) * 1000, 1) if seconds else 0.0,
        "types": {
            t: (gold_by_type.get(t, 0), found_by_type.get(t, 0), predicted_by_type.get(t, 0), correct_by_type.get(t, 0))
            for t in KINDS
        },
    }


def percent(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    –"


def report(r: dict, out=sys.stdout) -> None:
    print(f"\n== {r['part']}: {r['paragraphs']} paragraphs, {r['clean']} with nothing that should interrupt", file=out)
    print(
        f"  {'type':<18} {'action':<8} {'gold':>5} {'found':>6} {'recall':>7} {'flagged':>8} {'precision':>9}", file=out
    )
    for t, (gold, found, predicted, correct) in r["types"].items():
        print(
            f"  {t:<18} {KINDS[t].action:<8} {gold:>5} {found:>6} {percent(found, gold):>7} {predicted:>8}"
            f" {percent(correct, predicted):>9}",
            file=out,
        )
    print(
        f"  identifiers found (any finding over them):   {percent(r['spans_found'], r['spans_total'])}"
        f" ({r['spans_found']}/{r['spans_total']})",
        file=out,
    )
    for t, (gold, hit) in r["flagged"].items():
        print(f"  {t + ' flagged (block or confirm):':<45}{percent(hit, gold)} ({hit}/{gold})", file=out)
    print(
        f"  direct identifiers (block or confirm) found: {percent(r['direct_found'], r['direct_total'])}"
        f" ({r['direct_found']}/{r['direct_total']})",
        file=out,
    )
    print(
        f"  identifiers that must block, blocked:        {percent(r['blocked_found'], r['blocked_total'])}"
        f" ({r['blocked_found']}/{r['blocked_total']})",
        file=out,
    )
    print(
        f"  clean paragraphs interrupted:                {percent(r['interrupted'], r['clean'])}"
        f" ({r['interrupted']}/{r['clean']})",
        file=out,
    )
    print(f"  median scan of one paragraph:                {r['median_ms']} ms", file=out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=["development"], help="print each miss and each extra finding")
    parser.add_argument("--part", choices=list(PARTS), help="evaluate one part only")
    args = parser.parse_args(argv)
    print("Confidentiality guard: evaluation on the synthetic set (docs/confidentiality.md)")
    for part in [args.part] if args.part else PARTS:
        if args.show == part:
            print(f"\nMistakes on the {part} part:")
        report(evaluate(part, show=args.show == part))
    return 0


if __name__ == "__main__":
    sys.exit(main())
