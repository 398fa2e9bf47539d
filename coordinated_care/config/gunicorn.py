"""gunicorn's settings for `make serve` and production, from the environment (docs/deployment.md)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# Two sync processes a core by default. Threads (GUNICORN_THREADS > 1, gunicorn's gthread worker)
# keep a client's connection open and cost less on a page that does almost nothing, but the pages
# are CPU-bound Python: threads of one process take turns on its GIL, and a thread back from the
# database waits for the one holding it. Measured side by side by `make bench` on 2 cores
# (docs/benchmarks.md, "Sync processes or threads"): 2 processes of 4 threads answered fewer of every
# page a second than 4 sync processes (the facilitator home 31 against 46, the floor 918 against
# 1,253). WEB_CONCURRENCY is gunicorn's own variable.
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("GUNICORN_THREADS", 1))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 5))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = timeout
# Django, the templates and the confidentiality guard's model are loaded once and shared by the
# workers the master forks, instead of once in each.
preload_app = True
# A worker is replaced after this many requests, so memory that grows slowly is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = max_requests // 10
# Only the proxy in front may say the request came over HTTPS (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log of gunicorn's own: its lines carry the full path, and paths carry feedback and
# invitation tokens. The service logs each request itself, by URL pattern (core.middleware).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()


def when_ready(server):
    # In the master, after the application is loaded and before any worker is forked: the
    # confidentiality guard loads its language model (about 150 MiB, 2 s) on first use, which would
    # otherwise happen in every worker, on some patient's first request.
    from coordinated_care.confidentiality.engine import get_analyzer
    from coordinated_care.config.jinja2 import compile_every_template

    get_analyzer()
    # The same for the templates: compiled once here, shared by every worker forked after.
    compile_every_template()
