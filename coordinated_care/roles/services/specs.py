"""A role profile's content as plain values (ProfileSpec, PickSpec), and reading one from the JSON
that `import_role_profile` takes, the shipped starting points and the export write:

    {"title", "organisation" (name), "framework" (slug), "framework_version" (number, optional:
     the current version), "purpose", "setting", "band", "hours" (optional),
     "picks": [{"code", "priority": "essential"|"desirable", "level": "aware"|"practising"|"leading",
                "tested_by": ["application"|"interview"|"in post", ...]}],
     "duties": [...]}

A file is checked whole before anything is written; every problem is reported, each pick by its
position and code."""

from dataclasses import dataclass, field

from coordinated_care.accounts.models import Organisation
from coordinated_care.frameworks.models import FrameworkItem, FrameworkVersion

from ..models import TESTED_BY, Level, Priority

PICKABLE = (FrameworkItem.Kind.COMPETENCY, FrameworkItem.Kind.COMPONENT)
TESTED_BY_VALUES = tuple(value for value, _ in TESTED_BY)
TEXT_FIELDS = {"purpose": 5000, "setting": 200, "band": 100, "hours": 100}


class ProfileFileError(ValueError):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class PickSpec:
    code: str
    priority: str
    level: str
    tested_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfileSpec:
    title: str
    picks: tuple[PickSpec, ...]
    purpose: str = ""
    setting: str = ""
    band: str = ""
    hours: str = ""
    duties: tuple[str, ...] = field(default=())


def pickable_items(framework_version):
    """{code: item} of the competencies and components of a framework version, in one query."""
    items = FrameworkItem.objects.filter(version=framework_version, kind__in=PICKABLE)
    return {item.code: item for item in items}


def check_picks(picks, items, *, require_one=True):
    """The problems with `picks` against the framework version's {code: item}."""
    problems, seen = [], set()
    for number, pick in enumerate(picks, start=1):
        name = f"pick {number} ({pick.code})"
        if pick.code not in items:
            problems.append(f"{name}: the framework version has no competency or component {pick.code}")
        if pick.code in seen:
            problems.append(f"{name}: {pick.code} is picked twice")
        seen.add(pick.code)
        if pick.priority not in Priority.values:
            problems.append(f"{name}: priority must be essential or desirable, not {pick.priority!r}")
        if pick.level not in Level.values:
            problems.append(f"{name}: level must be aware, practising or leading, not {pick.level!r}")
        unknown = [value for value in pick.tested_by if value not in TESTED_BY_VALUES]
        if unknown:
            problems.append(f"{name}: tested_by may hold application, interview and in post, not {unknown!r}")
    if not picks and require_one:
        problems.append("picks: a role profile needs at least one competency or component")
    return problems


def read_file_data(data, *, organisation_required=True):
    """(organisation or None, framework version, ProfileSpec) from a decoded file, or
    ProfileFileError naming every problem."""
    if not isinstance(data, dict):
        raise ProfileFileError(["the file must hold one JSON object"])
    problems = []
    required = ["title", "framework", "picks"] + (["organisation"] if organisation_required else [])
    for name in required:
        if name not in data:
            problems.append(f"missing field {name!r}")
    if not isinstance(data.get("title", ""), str) or ("title" in data and not data["title"].strip()):
        problems.append("title must be a non-empty text")
    for name, limit in TEXT_FIELDS.items():
        if not isinstance(data.get(name, ""), str) or len(data.get(name, "")) > limit:
            problems.append(f"{name} must be a text of at most {limit} characters")
    duties = data.get("duties", [])
    if not isinstance(duties, list) or not all(isinstance(d, str) and d.strip() for d in duties):
        problems.append("duties must be a list of non-empty texts")
        duties = []

    organisation = None
    if "organisation" in data:
        matches = list(Organisation.objects.filter(name=data["organisation"])[:2])
        if len(matches) != 1:
            found = "no organisation" if not matches else "more than one organisation"
            problems.append(f"organisation: {found} is called {data['organisation']!r}")
        else:
            organisation = matches[0]

    framework_version = None
    if "framework" in data:
        versions = FrameworkVersion.objects.published().select_related("framework")
        versions = versions.filter(framework__slug=data["framework"])
        if "framework_version" in data:
            versions = versions.filter(number=data["framework_version"])
        framework_version = versions.order_by("-number").first()
        if framework_version is None:
            number = f" version {data['framework_version']}" if "framework_version" in data else ""
            problems.append(f"framework: no published framework {data['framework']!r}{number}")

    picks = []
    raw_picks = data.get("picks", [])
    if not isinstance(raw_picks, list):
        problems.append("picks must be a list")
        raw_picks = []
    for number, raw in enumerate(raw_picks, start=1):
        code = raw.get("code") if isinstance(raw, dict) else None
        name = f"pick {number} ({code})" if code else f"pick {number}"
        if not isinstance(raw, dict):
            problems.append(f"{name}: must be an object")
            continue
        missing = [key for key in ("code", "priority", "level", "tested_by") if key not in raw]
        if missing:
            problems.append(f"{name}: missing {', '.join(missing)}")
            continue
        if not isinstance(raw["tested_by"], list):
            problems.append(f"{name}: tested_by must be a list")
            continue
        picks.append(PickSpec(str(raw["code"]), raw["priority"], raw["level"], tuple(raw["tested_by"])))
    if framework_version is not None:
        problems += check_picks(picks, pickable_items(framework_version), require_one=not raw_picks)
    if problems:
        raise ProfileFileError(problems)
    spec = ProfileSpec(
        title=data["title"].strip(),
        picks=tuple(picks),
        duties=tuple(d.strip() for d in duties),
        **{name: data.get(name, "") for name in TEXT_FIELDS},
    )
    return organisation, framework_version, spec


def spec_of(version, picks):
    """The ProfileSpec of a stored version, its picks (with their items) in framework order."""
    return ProfileSpec(
        title=version.title,
        purpose=version.purpose,
        setting=version.setting,
        band=version.band,
        hours=version.hours,
        duties=tuple(version.duty_lines),
        picks=tuple(PickSpec(p.item.code, p.priority, p.level, tuple(p.tested_by)) for p in picks),
    )


def file_data(version, picks):
    """What `export_role_profile --format json` writes, and `import_role_profile` reads back."""
    spec = spec_of(version, picks)
    return {
        "title": spec.title,
        "organisation": version.profile.organisation.name,
        "framework": version.framework_version.framework.slug,
        "framework_version": version.framework_version.number,
        "purpose": spec.purpose,
        "setting": spec.setting,
        "band": spec.band,
        "hours": spec.hours,
        "picks": [
            {"code": p.code, "priority": p.priority, "level": p.level, "tested_by": list(p.tested_by)}
            for p in spec.picks
        ],
        "duties": list(spec.duties),
    }
