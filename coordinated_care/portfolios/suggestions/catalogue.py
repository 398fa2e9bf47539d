"""What each criterion's document is made of: the programme's own title and wording, and the short
description and examples of evidence shipped in `data/<programme slug>.json` (or an
administrator's replacement of them, `CriterionExamples`). Pure functions over plain data."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# The programmes shipped as data (programmes/data/), read as files: no import of their loader.
PROGRAMME_DATA = Path(__file__).parents[2] / "programmes" / "data"


@cache
def shipped(slug):
    """{code: {"summary", "examples"}} shipped for the programme `slug`; empty for a programme we
    wrote none for (its criteria are then scored on their own wording)."""
    path = DATA / f"{slug}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))["criteria"]


def document(title, wording, summary="", examples=()):
    """The text a criterion is scored on."""
    return "\n".join([title, wording, summary, *examples])


def programme_documents(slug):
    """[(code, document)] of a programme from its shipped definition, without the database: what
    `make eval-criteria` scores against."""
    definition = json.loads((PROGRAMME_DATA / f"{slug}.json").read_text(encoding="utf-8"))
    extra = shipped(slug)
    return [
        (c["code"], document(c["title"], c["wording"], **extra.get(c["code"], {})))
        for group in definition["groups"]
        for c in group["criteria"]
    ]
