"""Which stored text `scan_existing` checks. Each app that keeps free text registers its models in its
AppConfig.ready(), so the command needs no change as the portfolio grows:

    from coordinated_care.confidentiality.registry import register
    register(CaseStudy, ["overview", "coordination", "outcomes"])
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Registration:
    model: type
    fields: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label


_registrations: dict[str, Registration] = {}


def register(model, fields) -> Registration:
    fields = tuple(fields)
    known = {f.name for f in model._meta.get_fields()}
    unknown = [f for f in fields if f not in known]
    if unknown:
        raise ValueError(f"{model._meta.label} has no field {', '.join(unknown)}")
    registration = Registration(model, fields)
    _registrations[registration.label] = registration
    return registration


def unregister(model) -> None:
    _registrations.pop(model._meta.label, None)


def registrations() -> list[Registration]:
    return sorted(_registrations.values(), key=lambda r: r.label)


def stored_texts(field, value):
    """(where, text) for every string in a stored field: JSON content (a portfolio entry's parts,
    the values worksheet's answers) is walked so that each part is checked on its own."""
    if isinstance(value, str):
        if value.strip():
            yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from stored_texts(f"{field}.{key}", item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from stored_texts(f"{field}.{index}", item)
