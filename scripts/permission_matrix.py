"""Write the permission matrix of docs/security.md ("Who may do what") from the rules the URL walk
checks (tests/security/rules.py), so that the document says what the tests hold.

    .venv/bin/python scripts/permission_matrix.py          # rewrite the table in docs/security.md
    .venv/bin/python scripts/permission_matrix.py --check  # exit 1 if the table is out of date

tests/security/test_permission_matrix.py fails while the table in the document is not the one
this writes."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "security.md"
BEGIN = "<!-- The permission matrix: written by scripts/permission_matrix.py from tests/security/rules.py. -->"
END = "<!-- End of the permission matrix. -->"

COLUMNS = {
    "learner": "Learner",
    "other_learner": "Other learner",
    "facilitator": "Their facilitator",
    "unassigned_facilitator": "Other facilitator",
    "revoked_facilitator": "Facilitator, role removed",
    "supervisor": "Their supervisor",
    "programme_lead": "Cohort lead",
    "revoked_programme_lead": "Cohort lead, role removed",
    "employer": "Employer",
    "administrator": "Administrator",
    "anonymous": "Not signed in",
}

LEGEND = """GET and POST: what the persona may do there. 403: refused (they may see what the address names,
not do this). 404: told it does not exist. Sign in: sent to sign in. Any other method, and a POST to
a page that only reads, is refused (405) or answered as a GET would be, and changes nothing. The
learner's portfolio is the one the facilitator, supervisor and cohort lead are named on; "other"
personas are named on none of it. A role removed counts on the next request."""


def _cell(access, persona):
    from conftest import ANONYMOUS, NOT_ALLOWED

    if persona == ANONYMOUS and ANONYMOUS not in access.readers:
        return "Sign in"
    allowed = [
        method.upper()
        for method, who in (("get", access.get), ("post", access.post))
        if who not in (None, NOT_ALLOWED) and persona in access.readers and persona in who
    ]
    if allowed:
        return " and ".join(allowed)
    return "404" if persona not in access.readers else "403"


def matrix():
    from tests.security.rules import GROUPS, RULES, every_pattern

    routes = {name: route for route, name in every_pattern() if name}
    lines = [
        "| Address | Who | " + " | ".join(COLUMNS.values()) + " |",
        "| --- | --- | " + " | ".join("---" for _ in COLUMNS) + " |",
    ]
    for name, rule in RULES.items():
        route = "/" + routes.get(name, "?").replace("|", "\\|")
        cells = " | ".join(_cell(rule.access, persona) for persona in COLUMNS)
        lines.append(f"| `{route}` | {rule.who} | {cells} |")
    groups = "\n".join(f"- `/{group.prefix}…`: {group.who}." for group in GROUPS)
    return (
        f"{BEGIN}\n\n{LEGEND}\n\n"
        + "\n".join(lines)
        + f"\n\nDeclared once for all their addresses:\n\n{groups}\n\n{END}"
    )


def written(text):
    """`text` (the document) with its matrix replaced by the one the rules give."""
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        return before + matrix() + after
    heading = "## Who may do what\n"
    before, after = text.split(heading, 1)
    return before + heading + "\n" + matrix() + "\n" + after


def main(argv):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coordinated_care.config.settings.test")
    import django

    django.setup()
    text = DOC.read_text(encoding="utf-8")
    new = written(text)
    if "--check" in argv:
        if new != text:
            print("docs/security.md: the permission matrix is out of date; run scripts/permission_matrix.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
