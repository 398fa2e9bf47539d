"""The Jinja2 environment every page is rendered in.

What every page renders the same way (the header for a set of roles on a kind of page, the
footer, the icons, the skip link) is kept, once rendered, in this process (`memo`), as are the addresses of named URLs
without arguments and of static files: a signed-in page otherwise paid about 4 ms of CPU for its
layout before its own work (docs/benchmarks.md, "What a signed-in page pays before its own work").
Nothing is kept while templates reload themselves (DEBUG), and everything is forgotten when a
setting changes (tests)."""

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.signals import setting_changed
from django.templatetags.static import static as _static
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup, escape

from coordinated_care.core import dates

# Rendered fragments and addresses, for this process. Their keys are everything they are made from,
# so nothing in them is ever stale; the bound only stops an unforeseen key from growing them forever.
MEMO_LIMIT = 2000
_memo = {}
_memo_enabled = True
# Stands for the signed-in person's name in a kept header (the NHS.UK macro trims and escapes it;
# `memo` puts the trimmed, escaped name in its place), so that one header serves everyone with
# the same roles on the same page.
NAME_PLACEHOLDER = "zz-cc-person-name-zz"


def _remember(key, make):
    if not _memo_enabled:
        return make()
    key = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), *key)
    try:
        return _memo[key]
    except KeyError:
        pass
    value = make()
    if len(_memo) >= MEMO_LIMIT:
        _memo.clear()
    _memo[key] = value
    return value


def forget(**kwargs):
    """Everything kept is forgotten: on any change of settings (tests), since URLs, static files
    and the service's name come from them."""
    _memo.clear()


setting_changed.connect(forget, dispatch_uid="coordinated_care.config.jinja2.forget")


def url(name, *args, **kwargs):
    if args or kwargs:
        return reverse(name, args=args or None, kwargs=kwargs or None)
    # A named URL without arguments is the same for every request.
    return _remember(("url", name), lambda: reverse(name))


def static(path):
    # The manifest of hashed names is read once per process: its answer for a path never changes.
    return _remember(("static", path), lambda: _static(path))


def memo(*key, caller, name=None):
    """{% call memo("footer", signed_in) %}...{% endcall %}: the block is rendered once per key and
    kept. The key must name everything the block reads; `name`, when given, is the person's name,
    written where the block has NAME_PLACEHOLDER (trimmed and escaped, as the NHS.UK header writes it)."""
    html = _remember(("fragment", *key), lambda: str(caller()))
    if name is not None:
        html = html.replace(NAME_PLACEHOLDER, str(escape(name.strip())))
    return Markup(html)


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


def compile_every_template():
    """Compiles every template into the environment's cache: run by gunicorn's master before it forks
    the workers (config/gunicorn.py), so that no worker, new or recycled after GUNICORN_MAX_REQUESTS,
    compiles the 20 to 40 templates of a page on some person's first request to it (about 13 ms of
    CPU each, 4 s for the 300 or so there are). Returns how many."""
    from django.template import engines

    env = engines["jinja2"].env
    names = env.list_templates()
    for name in names:
        env.get_template(name)
    return len(names)


def environment(**options):
    # ChainableUndefined is what the NHS.UK macros expect for their optional parameters.
    options["undefined"] = ChainableUndefined
    options.setdefault("extensions", []).append("jinja2.ext.do")
    options["loader"] = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    # Every template stays compiled for the life of the process (Jinja keeps 400 by default; the
    # service and the NHS.UK components have more than 300 between them).
    options.setdefault("cache_size", -1)
    env = Environment(**options)
    global _memo_enabled
    # While templates reload themselves (DEBUG), a kept fragment would hide a change to one.
    _memo_enabled = not env.auto_reload
    env.globals.update(
        {
            "static": static,
            "url": url,
            "memo": memo,
            "NAME_PLACEHOLDER": NAME_PLACEHOLDER,
            "get_messages": get_messages,
            "roles_of": roles_of,
            "pd_responsibilities": pd_responsibilities,
            "SERVICE_NAME": settings.SERVICE_NAME,
        }
    )
    # Dates and times in words, the same on every page: {{ workshop.date | date }}.
    env.filters.update({"date": dates.date, "datetime": dates.datetime, "utc": dates.utc})
    return env
