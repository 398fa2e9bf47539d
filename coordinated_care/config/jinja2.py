"""The Jinja2 environment every page is rendered in."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.templatetags.static import static
from django.urls import reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from coordinated_care.core import dates


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def roles_of(user):
    """The roles a person holds, as their values ("learner", "facilitator", ...): one query a
    request, cached on the user by accounts.services.roles_of."""
    # Imported here: the settings import this module before the apps are ready.
    from coordinated_care.accounts.services import roles_of as _roles_of

    return frozenset(role.value for role in _roles_of(user))


def pd_responsibilities():
    """The responsibilities the Portfolio Document gives the care coordinator and the facilitator
    (accounts.responsibilities), for the notices and pages that repeat them."""
    from coordinated_care.accounts import responsibilities

    return responsibilities


def environment(**options):
    # ChainableUndefined is what the NHS.UK macros expect for their optional parameters.
    options["undefined"] = ChainableUndefined
    options.setdefault("extensions", []).append("jinja2.ext.do")
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    env = Environment(**options)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": get_messages,
            "roles_of": roles_of,
            "pd_responsibilities": pd_responsibilities,
            "SERVICE_NAME": settings.SERVICE_NAME,
        }
    )
    # Dates and times in words, the same on every page: {{ workshop.date | date }}.
    env.filters.update({"date": dates.date, "datetime": dates.datetime, "utc": dates.utc})
    return env
