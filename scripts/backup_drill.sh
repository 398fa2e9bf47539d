#!/usr/bin/env bash
# The backup and restore drill (docs/deployment.md, Backups; docs/security.md, Resilience).
#
#   scripts/backup_drill.sh [DATABASE_URL]
#
# Dumps the PostgreSQL database DATABASE_URL names (pg_dump --format=custom, the nightly backup's
# format), restores the dump into a scratch database beside it (pg_restore), then checks the copy:
# every table has as many rows as the source, `verify_audit` finds the audit chain whole and
# `verify_signatures` finds every signature intact. Exits 0 only when all three hold; the scratch
# database is dropped at the end (BACKUP_DRILL_KEEP=1 keeps it to look into).
#
# The counts are compared with the source after the dump, so run it where nothing writes meanwhile:
# a copy restored from last night's backup, a promoted standby, or the service during a quiet hour.
# BACKUP_DRILL_DATABASE names the scratch database (default: the source's name with _drill);
# BACKUP_DRILL_PYTHON the interpreter that runs manage.py (default .venv/bin/python).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
source_url=${1:-${DATABASE_URL:-}}
python=${BACKUP_DRILL_PYTHON:-$root/.venv/bin/python}

case "$source_url" in
  postgres://* | postgresql://*) ;;
  *) echo "backup_drill: give a PostgreSQL DATABASE_URL (postgres://…), as an argument or in the environment." >&2; exit 2 ;;
esac
for tool in pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null || { echo "backup_drill: $tool is not installed (Debian: postgresql-client)." >&2; exit 2; }
done

# The same server, another database: the scratch copy, and `postgres` to create and drop it from.
with_database() {
  "$python" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$source_url" "$1"
}
source_name=$("$python" -c 'import sys, urllib.parse as u; print(u.urlsplit(sys.argv[1]).path.lstrip("/"))' "$source_url")
scratch_name=${BACKUP_DRILL_DATABASE:-${source_name}_drill}
scratch_url=$(with_database "$scratch_name")
maintenance_url=$(with_database postgres)
work=$(mktemp -d)

cleanup() {
  if [ "${BACKUP_DRILL_KEEP:-}" != 1 ]; then
    psql -q -X "$maintenance_url" -c "DROP DATABASE IF EXISTS \"$scratch_name\"" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Every table of the schema with its row count, one "table count" a line, in name order.
count_rows() {
  psql -X -At -v ON_ERROR_STOP=1 "$1" <<'SQL'
SELECT table_name || ' ' || (xpath('/row/c/text()', query_to_xml(
  format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
ORDER BY table_name;
SQL
}

echo "Dumping $source_name"
pg_dump --format=custom --no-owner --no-privileges --file "$work/backup.dump" "$source_url"
echo "Dump: $(du -h "$work/backup.dump" | cut -f1)"

echo "Restoring into $scratch_name"
psql -q -X -v ON_ERROR_STOP=1 "$maintenance_url" -c "DROP DATABASE IF EXISTS \"$scratch_name\"" -c "CREATE DATABASE \"$scratch_name\""
pg_restore --no-owner --no-privileges --exit-on-error --dbname "$scratch_url" "$work/backup.dump"

count_rows "$source_url" >"$work/source.counts"
count_rows "$scratch_url" >"$work/restored.counts"
tables=$(wc -l <"$work/source.counts")
if ! diff -u --label "$source_name" --label "$scratch_name" "$work/source.counts" "$work/restored.counts"; then
  echo "backup_drill: the restored copy's row counts differ from the source's (above)." >&2
  exit 1
fi
echo "Row counts match in all $tables tables ($(awk '{s += $2} END {print s}' "$work/source.counts") rows)."

cd "$root"
echo "verify_audit on the restored copy:"
DATABASE_URL="$scratch_url" "$python" manage.py verify_audit
echo "verify_signatures on the restored copy:"
DATABASE_URL="$scratch_url" "$python" manage.py verify_signatures
echo "The backup restores, its counts match and its audit trail and signatures verify."
