"""Profile pages of `make bench` with pyinstrument, in this process but under the production
settings, on the database `make bench` left (docs/benchmarks.md, "Profile"):

    .venv/bin/python -m coordinated_care.nonprod.profile_pages "cohort page (lead)" "learner home" --repeats 5

The pages are named as in the bench's tables and opened by the same people. What production needs
from the environment is set here unless given: the bench's PostgreSQL database and Redis, a random
key, the static files the bench's server collected (build/bench/static)."""

import argparse
import os
import secrets
import sys

from coordinated_care.nonprod import bench_database

ROOT = bench_database.ROOT


def environment():
    defaults = {
        "DJANGO_SETTINGS_MODULE": "coordinated_care.config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "AUDIT_SEAL_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://testserver",
        "DATABASE_URL": bench_database.DEFAULT_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "STATIC_ROOT": str(ROOT / "build" / "bench" / "static"),
        "REDIS_URL": bench_database.redis("redis://127.0.0.1:6379/13", warn=lambda text: print(text, file=sys.stderr)),
        "LOG_LEVEL": "WARNING",
        "REQUEST_LOG_LEVEL": "WARNING",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", help="names of the bench's rows, such as 'learner home'")
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--flat", action="store_true", help="functions by their own time instead of a call tree")
    options = parser.parse_args(argv)
    environment()
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from coordinated_care.nonprod import benchmarks

    cast = benchmarks.cast()
    people = {"learner": cast.learner, "facilitator": cast.facilitator, "lead": cast.lead, "employer": cast.employer}
    pages = {page.name: page for page in benchmarks.pages(cast) if page.kind == "page" and page.method == "GET"}
    for name in options.pages:
        if name not in pages:
            parser.error(f"{name!r} is not one of: {', '.join(pages)}")
        page = pages[name]
        client = Client()
        if page.persona:
            client.force_login(people[page.persona], backend="django.contrib.auth.backends.ModelBackend")
        for _ in range(2):  # templates compiled, connections open
            status = client.get(page.path, secure=True).status_code
            if status != 200:
                sys.exit(f"{name}: HTTP {status}")
        profiler = Profiler(interval=0.001)
        profiler.start()
        for _ in range(options.repeats):
            client.get(page.path, secure=True)
        profiler.stop()
        print(f"{name}: {options.repeats} requests")
        print(profiler.output_text(unicode=True, flat=options.flat))


if __name__ == "__main__":
    main()
