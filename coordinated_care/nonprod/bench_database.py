"""The database `make bench` measures on, chosen before Django starts (DATABASE_URL is read once):

    python -m coordinated_care.nonprod.bench_database [URL]
    python -m coordinated_care.nonprod.bench_database --redis URL

prints the URL to use; the second prints the Redis URL if a server answers there, or nothing.

Without a URL: PostgreSQL's `portfolio_bench` on 127.0.0.1:5432 when that server answers, otherwise
an SQLite file under build/ with a warning (SQLite is not what production runs, and its single
writer changes what concurrent clients see). Each run starts from an empty database so that its
sizes are the sizes it says: a PostgreSQL database named portfolio_bench* is dropped and made
again, and so is an SQLite file under build/. Any other database is only made when it does not
exist, never dropped."""

import sys
from pathlib import Path

import dj_database_url

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/portfolio_bench"
FALLBACK_URL = f"sqlite:///{ROOT / 'build' / 'bench.sqlite3'}"
DISPOSABLE_PREFIX = "portfolio_bench"


def _maintenance_connection(config):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        connect_timeout=3,
        autocommit=True,
    )


def postgres_answers(url=DEFAULT_URL):
    try:
        _maintenance_connection(dj_database_url.parse(url)).close()
    except Exception:  # not installed, not running, refused: any of them means "use the fallback"
        return False
    return True


def fresh_postgres(url):
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    with _maintenance_connection(config) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and name.startswith(DISPOSABLE_PREFIX):
            connection.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def fresh_sqlite(url):
    path = Path(dj_database_url.parse(url)["NAME"]).resolve()
    if path.is_relative_to(ROOT / "build"):
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)


def resolve(url=None, *, warn=print):
    if not url:
        if postgres_answers():
            url = DEFAULT_URL
        else:
            warn(
                "WARNING: no PostgreSQL answers on 127.0.0.1:5432; measuring on SQLite instead, which production "
                "does not run. Set BENCH_DATABASE_URL to a PostgreSQL database for figures worth keeping."
            )
            url = FALLBACK_URL
    engine = dj_database_url.parse(url)["ENGINE"]
    if "postgresql" in engine:
        fresh_postgres(url)
    elif "sqlite" in engine:
        fresh_sqlite(url)
    return url


def redis(url, *, warn=print):
    """`url` when a Redis server answers there (production keeps its cache, sessions and rate limits
    in one), otherwise "" with a warning: then each worker counts with its own cache."""
    if not url:
        return ""
    import redis as client

    try:
        client.Redis.from_url(url, socket_connect_timeout=3).ping()
    except Exception:  # not installed, not running, refused
        warn(f"WARNING: no Redis answers at {url}; each worker will have its own cache, unlike production.")
        return ""
    return url


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    warn = lambda text: print(text, file=sys.stderr)  # noqa: E731
    if args[:1] == ["--redis"]:
        print(redis(args[1] if len(args) > 1 else "", warn=warn))
    else:
        print(resolve(args[0] if args else None, warn=warn))


if __name__ == "__main__":
    main()
