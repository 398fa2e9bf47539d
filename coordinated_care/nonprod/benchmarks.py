"""Page benchmarks at scale, run by `make bench`. Speed is measured here, never in the tests.

Each case names a page and the person who opens it; the runner signs that person in with a test
client, warms the page up, then records the median and 95th percentile of repeated renders and
the number of queries (which must not grow with the data)."""

import resource
import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.urls import reverse

from coordinated_care.programmes.models import Enrolment


@dataclass
class Case:
    name: str
    path: str
    user: object


def cases():
    enrolment = Enrolment.objects.select_related("learner", "facilitator").order_by("-pk").first()
    found = [
        Case("healthz", reverse("healthz"), None),
        Case("learner home", reverse("learner_home"), enrolment.learner),
        Case(
            "framework (current version)", _followed(reverse("framework:index"), enrolment.learner), enrolment.learner
        ),
    ]
    optional = [
        ("framework search", "framework:search", {}, "?q=communication", enrolment.learner),
        (
            "portfolio overview (facilitator)",
            "portfolios:overview",
            {"args": [enrolment.uuid]},
            "",
            enrolment.facilitator,
        ),
        ("case studies list", "portfolios:section", {"args": [enrolment.uuid, "case-studies"]}, "", enrolment.learner),
        ("facilitator home", "facilitator_home", {}, "", enrolment.facilitator),
        (
            "cohort page (lead)",
            "programmes:cohort",
            {"args": [enrolment.cohort.uuid]},
            "",
            enrolment.cohort.leads.first(),
        ),
    ]
    for name, url_name, kwargs, query, user in optional:
        try:
            found.append(Case(name, reverse(url_name, **kwargs) + query, user))
        except Exception:  # a page a later issue has not built yet is simply not measured
            continue
    return found


def _followed(path, user):
    """Where a redirecting page (the framework index) sends its readers."""
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(path)
    return response["Location"] if response.status_code == 302 else path


def measure(case, repeats):
    client = Client(raise_request_exception=False)
    if case.user is not None:
        client.force_login(case.user, backend="django.contrib.auth.backends.ModelBackend")
    for _ in range(3):
        response = client.get(case.path)
    if response.status_code != 200:
        return {"name": case.name, "path": case.path, "error": f"HTTP {response.status_code}"}
    # Counted by a wrapper: the query log a CaptureQueriesContext reads is reset by every request.
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get(case.path)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        client.get(case.path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "name": case.name,
        "path": case.path,
        "median_ms": statistics.median(timings),
        "p95_ms": timings[int(len(timings) * 0.95) - 1],
        "queries": len(queries),
    }


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
