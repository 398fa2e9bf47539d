"""Evidence as the facilitator reads it before deciding: each entry put forward, at its current
version, with its fields in the Portfolio Document's words and how the learner says it shows the
criterion. Only what is put forward for this criterion is shown."""

from dataclasses import dataclass, field

from django.urls import reverse

from coordinated_care.portfolios.kinds import KINDS


@dataclass
class EvidenceItem:
    uuid: str
    title: str
    kind: str
    version: int
    how_it_shows: str
    sections: list = field(default_factory=list)  # (label, text)
    href: str = ""


def sections_of(kind, content):
    """(label, text) pairs of an entry's content."""
    spec = KINDS.get(kind)
    if spec is None:
        return [(str(key).replace("_", " ").capitalize(), str(value)) for key, value in sorted(content.items())]
    if kind == "values_worksheet":
        values = content.get("values") or {}
        return [
            (name, f"What it is: {(answer or {}).get('what', '')}\nWhy it matters: {(answer or {}).get('why', '')}")
            for name, answer in values.items()
        ]
    # The title is the item's heading already.
    return [
        (f.label, str(content.get(f.name) or ""))
        for f in spec.fields
        if content.get(f.name) and f.name != spec.title_from
    ]


def entry_href(enrolment, entry):
    return reverse("portfolios:entry", args=[enrolment.uuid, entry.uuid])


def evidence_items(enrolment, versions, links):
    """`versions`: the newest EntryVersion of each entry put forward; `links`: {entry id: EvidenceLink}."""
    items = []
    for version in versions:
        entry = version.entry
        spec = KINDS.get(entry.kind)
        link = links.get(entry.pk)
        items.append(
            EvidenceItem(
                uuid=str(entry.uuid),
                title=version.title or entry.title,
                kind=spec.label if spec else entry.get_kind_display(),
                version=version.number,
                how_it_shows=link.how_it_shows if link else "",
                sections=sections_of(entry.kind, version.content),
                href=entry_href(enrolment, entry),
            )
        )
    return items
