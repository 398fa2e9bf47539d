"""What the apps above frameworks add to an administrator's draft pages, without frameworks
importing them (ADR 10, ADR 23). The role profiles app keeps each competency's content with the
framework version; it registers in its AppConfig.ready():

    from coordinated_care.frameworks import providers_drafts

    providers_drafts.register_item_links(content_links)
    providers_drafts.register_comparison(content_comparison)

Registering the same provider twice registers it once; they run in the order of INSTALLED_APPS.
"""

from collections.abc import Callable

_item_links: list[Callable] = []
_comparisons: list[Callable] = []


def register_item_links(provider) -> None:
    """`provider(version, items)` gives {item pk: [{"text", "href"}]}: the links the draft's page
    shows under those items, in a fixed number of queries however many items there are."""
    if provider not in _item_links:
        _item_links.append(provider)


def register_comparison(provider) -> None:
    """`provider(base, draft)` gives a list of sections the comparison (the compare and publish
    pages) shows after the items: {"heading", "changed": [{"label", "href", "fields": [{"label",
    "before", "after"}]}]}, `before` and `after` lists of paragraphs. A section with nothing
    changed says so."""
    if provider not in _comparisons:
        _comparisons.append(provider)


def item_links(version, items) -> dict:
    links = {}
    for provider in _item_links:
        for pk, found in provider(version, items).items():
            links.setdefault(pk, []).extend(found)
    return links


def comparisons(base, draft) -> list:
    return [section for provider in _comparisons for section in provider(base, draft)]
