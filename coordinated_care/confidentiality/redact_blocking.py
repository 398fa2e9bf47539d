"""`scan_existing --redact-blocking`: find blocking findings (an NHS number, a postcode...) in
stored text and, with `--yes`, have the app that keeps the text redact each (ADR 12). Without
`--yes` it is a dry run that lists what it would change. Like the rest of the command it prints
where each finding is and its kind, never the identifier."""

from .findings import Action
from .redactors import redactor_for
from .registry import registrations, stored_texts
from .service import scan

REASON = "A blocking finding ({types}) in stored text, removed by scan_existing --redact-blocking"


def blocking_findings(batch_size=500):
    """(registration, pk, [(where, start, end, type, identifier)]) for each stored row with one."""
    for registration in registrations():
        if redactor_for(registration.model) is None:
            continue
        rows = registration.model._default_manager.order_by("pk").values_list("pk", *registration.fields)
        for pk, *values in rows.iterator(chunk_size=batch_size):
            found = []
            for field, value in zip(registration.fields, values, strict=True):
                for where, text in stored_texts(field, value):
                    for finding in scan(text):
                        if finding.action == Action.BLOCK:
                            found.append(
                                (where, finding.start, finding.end, finding.type, text[finding.start : finding.end])
                            )
            if found:
                yield registration, pk, found


def run(stdout, *, apply, batch_size=500):
    """List (and, if `apply`, redact) every blocking finding; returns (rows, findings)."""
    rows = findings = 0
    for registration, pk, found in list(blocking_findings(batch_size)):
        rows += 1
        findings += len(found)
        where = "; ".join(f"{w}[{start}:{end}] {kind}" for w, start, end, kind, _ in found)
        if not apply:
            stdout.write(f"would redact {registration.label} {pk}: {where}")
            continue
        types = ", ".join(sorted({kind for *_, kind, _ in found}))
        removed = redactor_for(registration.model)(
            pk, [identifier for *_, identifier in found], reason=REASON.format(types=types)
        )
        stdout.write(f"redacted {registration.label} {pk}: {where} ({removed} removed)")
    verb = "redacted" if apply else "would be redacted"
    stdout.write(f"{findings} blocking findings in {rows} stored records {verb}.")
    if not apply and rows:
        stdout.write("Nothing was changed: run again with --yes to redact them.")
    return rows, findings
