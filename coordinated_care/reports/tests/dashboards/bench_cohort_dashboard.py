"""The cohort dashboard's target (issue 10): a cohort of 1,000 learners, its queries and its
server time, measured in this process under the production settings (docs/benchmarks.md, "Cohort
dashboard"). Not a test: run it by hand, on a database of its own that it fills once.

    .venv/bin/python -m coordinated_care.reports.tests.dashboards.bench_cohort_dashboard [--repeats 20]

It makes PostgreSQL's `portfolio_bench_dashboards` on 127.0.0.1:5432 (or uses DATABASE_URL),
migrates it, and when it holds no cohort of 1,000 learners runs `seed_scale --learners 1000 --batch
1000` (one cohort of 1,000) and marks six of its workshops for every learner. Then it opens the
dashboard as the cohort's lead, the first page and a filtered page, its CSV and XLSX and one
workshop's register, and prints each one's queries and its server time (median and slowest)."""

import argparse
import datetime
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
DATABASE = "postgres://postgres@127.0.0.1:5432/portfolio_bench_dashboards"
COHORT_SIZE = 1000


def environment():
    """Production's settings, as the page profiler runs them, on this bench's own database."""
    from coordinated_care.nonprod import profile_pages

    os.environ.setdefault("DATABASE_URL", DATABASE)
    profile_pages.environment()


def make_database(url):
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    if not config["ENGINE"].endswith("postgresql"):
        return
    with psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        host=config.get("HOST"),
        port=config.get("PORT"),
        autocommit=True,
    ) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def big_cohort():
    from django.db.models import Count

    from coordinated_care.programmes.models import Attendance, Cohort

    cohort = Cohort.objects.annotate(n=Count("enrolments")).filter(n__gte=COHORT_SIZE).order_by("pk").first()
    if cohort is None:
        # seed_scale is a command of nonprod, which production's settings leave out: the local
        # settings run it, on the same database.
        subprocess.run(
            [sys.executable, "manage.py", "seed_scale", f"--learners={COHORT_SIZE}", f"--batch={COHORT_SIZE}"],
            cwd=ROOT,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.local"},
            check=True,
        )
        cohort = Cohort.objects.annotate(n=Count("enrolments")).filter(n__gte=COHORT_SIZE).order_by("-pk").first()
        # Bulk, as seed_scale writes: synthetic marks, not recorded by the audit trail.
        enrolments = list(cohort.enrolments.values_list("pk", flat=True))
        marks = list(Attendance.Mark.values)
        Attendance.objects.bulk_create(
            Attendance(workshop=workshop, enrolment_id=pk, mark=marks[(pk + workshop.number) % len(marks)])
            for workshop in cohort.workshops.filter(number__lte=6)
            for pk in enrolments
        )
    return cohort


def measure(client, path, repeats):
    from django.db import connection

    for _ in range(2):  # templates compiled, the connection open
        response = client.get(path, secure=True)
        assert response.status_code == 200, (path, response.status_code, response.get("Location"))
    # Counted by a wrapper: the query log a CaptureQueriesContext reads is reset by every request.
    captured = []
    with connection.execute_wrapper(lambda execute, sql, *args: captured.append(sql) or execute(sql, *args)):
        client.get(path, secure=True)
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        client.get(path, secure=True)
        times.append((time.perf_counter() - began) * 1000)
    return len(captured), statistics.median(times), max(times), len(response.content)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=20)
    options = parser.parse_args(argv)
    environment()
    make_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    cohort = big_cohort()
    lead = cohort.leads.get()
    client = Client()
    client.force_login(lead, backend="django.contrib.auth.backends.ModelBackend")
    # The synthetic lead has no second factor: the pages measured are the dashboard's, not the
    # one that asks for it.
    session = client.session
    session["second_factor_missing"] = False
    session.save()
    practice = cohort.enrolments.select_related("practice").first().practice
    base = f"/reports/cohorts/{cohort.uuid}/"
    pages = [
        ("dashboard, first page of 50", base),
        ("dashboard, page 20 of 20", base + "?page=20"),
        ("dashboard, one practice", base + f"?practice={practice.uuid}"),
        ("register of WS1, first page", base + "workshops/1/attendance/"),
        ("CSV of all 1,000", base + "learners.csv"),
        ("XLSX of all 1,000", base + "learners.xlsx"),
    ]
    print(f"{datetime.date.today()}: cohort of {cohort.enrolments.count():,} learners, {options.repeats} requests each")
    print("| page | queries | median (ms) | slowest (ms) | bytes |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, path in pages:
        queries, median, slowest, size = measure(client, path, options.repeats)
        print(f"| {name} | {queries} | {median:.0f} | {slowest:.0f} | {size:,} |")
    # The organisation dashboard of the ICB seed_scale made, as an employer there.
    employer = employer_at(practice.parent.parent)
    client = Client()
    client.force_login(employer, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["second_factor_missing"] = False
    session.save()
    icb = f"/reports/organisations/{practice.parent.parent.uuid}/"
    for name, path in [("organisation dashboard (ICB of 1,000)", icb), ("its XLSX", icb + "progress.xlsx")]:
        queries, median, slowest, size = measure(client, path, options.repeats)
        print(f"| {name} | {queries} | {median:.0f} | {slowest:.0f} | {size:,} |")


def employer_at(organisation):
    from coordinated_care.accounts.models import Role, RoleAssignment, User

    user, _ = User.objects.get_or_create(
        email=f"scale-employer-{organisation.pk}@scale.test", defaults={"full_name": f"Employer {organisation.pk}"}
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.EMPLOYER, organisation=organisation)
    return user


if __name__ == "__main__":
    main()
