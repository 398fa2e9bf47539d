"""docs/security.md's permission matrix is the one the declared rules give."""

from scripts import permission_matrix


def test_the_documents_permission_matrix_is_written_from_the_declared_rules():
    text = permission_matrix.DOC.read_text(encoding="utf-8")
    assert permission_matrix.BEGIN in text, (
        "docs/security.md has no permission matrix: run scripts/permission_matrix.py"
    )
    assert permission_matrix.written(text) == text, "The matrix is out of date: run scripts/permission_matrix.py"


def test_the_matrix_has_a_row_for_every_rule_and_says_a_removed_role_grants_nothing():
    from tests.security.rules import RULES

    table = permission_matrix.matrix()
    rows = [line for line in table.splitlines() if line.startswith("| `/")]
    assert len(rows) == len(RULES)
    overview = next(row for row in rows if "`/portfolio/<uuid:enrolment_uuid>/`" in row)
    cells = [cell.strip() for cell in overview.strip("|").split("|")][2:]
    assert cells == ["GET", "404", "GET", "404", "404", "GET", "GET", "404", "404", "404", "Sign in"]
