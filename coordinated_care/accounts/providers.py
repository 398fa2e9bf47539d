"""What personal data of a person each app holds, how it is erased and how long it is kept (UK
GDPR; ADR 15). Accounts sits below the apps that hold a person's data, so it owns this registry and
each app registers its provider from its `AppConfig.ready()`, in its `personal_data.py`:

    providers.register(PersonalData(key="portfolios", export=export, erase=erase))
    providers.register_retention(Retention(record="Drafts", period="30 days", apply=purge))

The rules stay in the app that holds the records; `accounts.privacy` gathers them."""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One kind of record in a person's download: a title and a row per record, each row a dict
    of plain JSON values (strings, numbers, booleans, None) in the order they are shown."""

    title: str
    rows: list = field(default_factory=list)


@dataclass(frozen=True)
class PersonalData:
    """`export(user)` gives the Sections of what the app holds about `user`, in a fixed number of
    queries; `erase(user, pseudonym)` removes what the law lets the service remove and
    pseudonymises what it must keep, inside the caller's transaction, and says what it did as
    {what: how many}."""

    key: str
    export: Callable
    erase: Callable


@dataclass(frozen=True)
class Retention:
    """One line of the retention schedule (docs/retention.md): `apply(now)` removes or
    pseudonymises the records whose time is up and returns how many."""

    record: str
    period: str
    apply: Callable


_providers: dict[str, PersonalData] = {}
_retention: dict[str, Retention] = {}


def register(provider):
    if provider.key in _providers:
        raise ValueError(f"A personal data provider called {provider.key!r} is already registered.")
    _providers[provider.key] = provider


def register_retention(rule):
    if rule.record in _retention:
        raise ValueError(f"A retention rule for {rule.record!r} is already registered.")
    _retention[rule.record] = rule


def providers():
    """In the order the apps were made ready: accounts first, the highest app last."""
    return list(_providers.values())


def retention_rules():
    return list(_retention.values())
