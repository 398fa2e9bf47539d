"""What the apps above portfolios register with it (providers.py, ADR 10)."""

import pytest

from coordinated_care.portfolios import providers


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(providers, "_progress", [])
    monkeypatch.setattr(providers, "_panels", {page: [] for page in providers.PAGES})
    monkeypatch.setattr(providers, "_looks", [])


def test_the_assessment_and_feedback_apps_register_their_providers():
    registered = providers.progress_providers()
    assert any(p.outcomes and p.documents for p in registered)  # assessments
    assert any(p.evidence and p.documents for p in registered)  # feedback
    assert providers._panels["overview"] and providers._panels["criterion"]
    assert providers._looks


def test_a_provider_registered_twice_runs_once(empty):
    seen = []

    def panel(user, enrolment, context):
        seen.append(context["criterion"])
        return {"panel": len(seen)}

    def look(user, enrolment):
        seen.append("look")

    for _ in range(2):
        providers.register_panel("criterion", panel)
        providers.register_look(look)
        providers.register_progress(outcomes=dict)

    assert providers.panels("criterion", "user", "enrolment", {"criterion": "PC1"}) == {"panel": 1}
    providers.looked_at("user", "enrolment")
    assert seen == ["PC1", "look"]
    assert len(providers.progress_providers()) == 1


def test_panels_are_added_in_the_order_registered_and_only_to_their_page(empty):
    providers.register_panel("overview", lambda user, enrolment, context: {"a": 1, "b": 1})
    providers.register_panel("overview", lambda user, enrolment, context: {"b": 2})

    assert providers.panels("overview", None, None, {}) == {"a": 1, "b": 2}
    assert providers.panels("criterion", None, None, {}) == {}


def test_a_page_that_takes_no_panels_is_refused(empty):
    with pytest.raises(ValueError, match="No page 'home' takes panels"):
        providers.register_panel("home", lambda user, enrolment, context: {})
