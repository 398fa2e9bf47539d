"""Suggested criteria (issue 13; docs/suggestions.md; ADR 18): `service` (a programme's criteria
scored against a paragraph, in the database's terms), `lexical` (the model, pure functions),
`catalogue` (what each criterion's document is made of) and `evaluation` (`make eval-criteria`).
Kept free of imports so that the evaluation runs without Django."""
