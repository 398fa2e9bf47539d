"""A person's rights over their data (UK GDPR; ADR 15): the download of everything the service
holds about them, the administrator's erasure, and the retention schedule. What each app holds is
its own provider's business (`accounts.providers`); this module only gathers them."""

import json
import logging
import secrets

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from coordinated_care import audit

from . import providers, services
from .models import Role

logger = logging.getLogger(__name__)

# An erased person's e-mail address: in a domain that can never receive mail (RFC 2606), unique.
ERASED_DOMAIN = "erased.invalid"
RETENTION_ACTOR = "retention schedule"


class ErasureRefused(Exception):
    """The erasure was not carried out; the message says why, for the administrator."""


def is_erased(user):
    return user.email.endswith(f"@{ERASED_DOMAIN}")


def export(user):
    """Everything the service holds about `user`, as plain JSON: a section per kind of record, in
    the order of the apps (accounts first). A fixed number of queries, one per section."""
    sections = []
    for provider in providers.providers():
        for section in provider.export(user):
            sections.append({"title": section.title, "rows": section.rows})
    document = {
        "service": "Care coordinator portfolio",
        "person": user.display_name,
        "exported_at": timezone.now(),
        "sections": sections,
    }
    # Dates, times, UUIDs and decimals as the strings JSON has for them, once, for both formats.
    return json.loads(json.dumps(document, cls=DjangoJSONEncoder))


def export_json(user):
    return json.dumps(export(user), indent=2, ensure_ascii=False).encode()


def _refuse(url, *args, **kwargs):
    raise ValueError(f"A personal data download fetches nothing, but was asked for {url}")


def export_pdf(user):
    # Imported here: loading WeasyPrint (Pango, its style sheets) is slow, and only downloads need it.
    from weasyprint import HTML

    html = render_to_string("accounts/personal_data_print.jinja", {"document": export(user)})
    return HTML(string=html, url_fetcher=_refuse).write_pdf()


def can_erase(user):
    return services.has_role(user, Role.ADMINISTRATOR)


@transaction.atomic
def erase(person, *, by):
    """Erase `person` (UK GDPR article 17): each app, highest first, removes what the law lets it
    remove and pseudonymises what it must keep (signed assessment records, the portfolio for its
    retention period); the account is pseudonymised last. The audit trail is never touched, so it
    stays verifiable. `by` is the administrator, or None for the retention schedule. Returns
    {what: how many} for the administrator to read."""
    if by is not None:
        if not can_erase(by):
            raise PermissionDenied
        if by.pk == person.pk:
            raise ErasureRefused("You cannot erase your own account: ask another administrator.")
    if is_erased(person):
        raise ErasureRefused("This person's data has already been erased.")
    # Random, so that nothing about the person can be worked out from it.
    pseudonym = f"Erased person {secrets.token_hex(4)}"
    done = {}
    with audit.acting_as(by if by is not None else RETENTION_ACTOR), audit.with_note({"reason": "erasure"}):
        for provider in reversed(providers.providers()):
            for what, count in provider.erase(person, pseudonym).items():
                if count:
                    done[what] = done.get(what, 0) + count
    # The id only: the log must not carry the name that was just erased.
    logger.info("Personal data of account %s erased", person.pk)
    return done


def apply_retention(now=None):
    """Apply every line of the retention schedule once: [(rule, how many records)]."""
    now = now or timezone.now()
    results = []
    for rule in providers.retention_rules():
        with transaction.atomic(), audit.acting_as(RETENTION_ACTOR):
            results.append((rule, rule.apply(now)))
    return results
