"""The layout every page shares, kept once rendered (config/jinja2.py `memo`): the header for each set
of roles and current page, the footer, the icons and the skip link. What is kept must never be what
someone else should see, nor what a person saw before their roles changed or they signed out."""

import re

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import reverse

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.services import grant_role, revoke_role
from coordinated_care.accounts.tests.factories import OrganisationFactory
from coordinated_care.config import jinja2 as environment

pytestmark = pytest.mark.django_db


def header(response):
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def navigation(response):
    """The header's navigation labels, in order."""
    return re.findall(r'class="nhsuk-header__navigation-link"[^>]*>\s*([^<]+?)\s*<', header(response))


def test_a_role_granted_shows_in_the_header_at_once_and_goes_when_taken_away(signed_in, learner):
    client = signed_in(learner)
    your_data = reverse("accounts:your_data")
    assert navigation(client.get(your_data)) == ["Home", "Your portfolio", "Framework"]

    hub = OrganisationFactory(name="Hub", kind=Organisation.Kind.TRAINING_PROVIDER)
    grant_role(learner, Role.PROGRAMME_LEAD, hub)
    assert navigation(client.get(your_data)) == ["Home", "Your portfolio", "Cohorts", "Framework"]

    revoke_role(learner, Role.PROGRAMME_LEAD, hub)
    assert navigation(client.get(your_data)) == ["Home", "Your portfolio", "Framework"]


def test_people_with_the_same_roles_each_see_their_own_name_escaped(client, learner, other_learner):
    other_learner.full_name = "Aoife O'Brien <b>&</b>"
    other_learner.save()
    your_data = reverse("accounts:your_data")

    client.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    first = header(client.get(your_data))
    client.force_login(other_learner, backend="django.contrib.auth.backends.ModelBackend")
    second = header(client.get(your_data))

    assert "Test Learner" in first and "O&#39;Brien" not in first
    assert "Aoife O&#39;Brien &lt;b&gt;&amp;&lt;/b&gt;" in second and "Test Learner" not in second
    assert environment.NAME_PLACEHOLDER not in first + second
    # Otherwise the very same header.
    assert first.replace("Test Learner", "NAME") == second.replace("Aoife O&#39;Brien &lt;b&gt;&amp;&lt;/b&gt;", "NAME")


def test_the_current_page_is_marked_for_each_page(signed_in, learner):
    client = signed_in(learner)
    current = 'aria-current="page"'
    home = header(client.get(reverse("learner_home")))
    your_data = header(client.get(reverse("accounts:your_data")))
    assert home.count(current) == 1
    assert re.search(r'href="/learner/"[^>]*aria-current="page"', home)
    assert current not in your_data


def test_signing_out_ends_the_session_and_the_signed_in_layout_at_once(signed_in, learner):
    client = signed_in(learner)
    your_data = reverse("accounts:your_data")
    page = client.get(your_data).content.decode()
    assert "Sign out" in page and "Download your data" in page

    client.post(reverse("account_logout"))

    assert client.get(your_data).status_code == 302
    signed_out = client.get(reverse("account_login")).content.decode()
    assert "Test Learner" not in signed_out and "Sign out" not in signed_out
    assert "Sign in" in signed_out
    footer = signed_out[signed_out.index("<footer") :]
    assert "Download your data" not in footer and "Competency framework" in footer


def test_what_is_kept_is_what_the_macros_write(signed_in, client, learner, programme_lead, monkeypatch):
    """The page with everything kept is the page rendered afresh, for someone signed in and signed out."""

    def pages():
        signed_in(programme_lead)
        lead = client.get(reverse("programmes:cohorts")).content.decode()
        client.logout()
        anonymous = client.get(reverse("account_login")).content.decode()
        return [re.sub(r'(nonce|value)="[^"]*"', "", page) for page in (lead, anonymous)]

    kept = pages()
    assert kept == pages()  # and again, from what was kept
    monkeypatch.setattr(environment, "_memo_enabled", False)
    fresh = pages()
    assert [" ".join(page.split()) for page in kept] == [" ".join(page.split()) for page in fresh]


def test_kept_addresses_are_forgotten_when_the_settings_change():
    env = engines["jinja2"].env
    icon = env.from_string("{{ static('assets/images/favicon.ico') }}")
    before = icon.render()
    with override_settings(STATIC_URL="/elsewhere/"):
        assert icon.render().startswith("/elsewhere/")
    assert icon.render() == before


def test_nothing_is_kept_while_templates_reload_themselves(monkeypatch):
    monkeypatch.setattr(environment, "_memo_enabled", False)
    environment.forget()
    engines["jinja2"].env.from_string('{% call memo("test") %}x{% endcall %}').render()
    assert environment._memo == {}


def test_every_template_compiles_before_the_workers_are_forked():
    """What gunicorn's master does before forking (config/gunicorn.py): every template compiles, and
    stays in the environment's cache, which is never full."""
    env = engines["jinja2"].env
    count = environment.compile_every_template()
    assert count == len(env.list_templates()) > 200
    # A plain dict: Jinja's cache without a bound (cache_size=-1), which drops nothing.
    assert type(env.cache) is dict and len(env.cache) >= count
