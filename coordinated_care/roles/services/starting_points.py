"""The starting points shipped as data (data/starting-points/*.json), one for each role the guide
names as coordinating care: written for this service from the guide, in the file format of
`import_role_profile` without an organisation. An employer copies one and adapts it."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.http import Http404

from .profiles import create_profile
from .specs import read_file_data

STARTING_POINTS = Path(__file__).resolve().parents[1] / "data" / "starting-points"


@dataclass(frozen=True)
class StartingPoint:
    slug: str
    data: dict

    @property
    def title(self):
        return self.data["title"]

    @property
    def purpose(self):
        return self.data.get("purpose", "")


@cache
def starting_points():
    return tuple(
        StartingPoint(path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(STARTING_POINTS.glob("*.json"))
    )


def starting_point(slug):
    found = next((point for point in starting_points() if point.slug == slug), None)
    if found is None:
        raise Http404("No such starting point.")
    return found


@transaction.atomic
def copy_starting_point(point, *, organisation, created_by=None):
    _, framework_version, spec = read_file_data(point.data, organisation_required=False)
    return create_profile(
        organisation=organisation,
        framework_version=framework_version,
        spec=spec,
        created_by=created_by,
        based_on=f"the shipped starting point “{point.title}”",
    )
