#!/usr/bin/env bash
# A consistent backup of the portal's database while it runs, as one dated file in a folder:
#   tools/backup.sh sqlite /var/lib/bookingportal/bookingportal.db /var/backups/bookingportal
#   PGHOST=db PGUSER=bookingportal tools/backup.sh postgres bookingportal /var/backups/bookingportal
# SQLite: the portal runs it in WAL mode, so recent commits may be only in the -wal file beside it and
# a cp of the .db misses them (or copies a torn mix). This uses SQLite's online backup API inside one
# read transaction (the sqlite3 CLI's .backup, else Python's sqlite3 module), which sees every commit
# made before it began; the copy is switched out of WAL mode, so it is one self-contained file.
# PostgreSQL: pg_dump --format=custom (one snapshot); connection from the usual PG* variables or ~/.pgpass.
# The file is written under a temporary name and checked (SQLite: PRAGMA quick_check; PostgreSQL:
# pg_restore --list) before it is renamed to NAME-YYYYMMDD-HHMMSSZ.db or .dump, so a file with a
# final name is whole. Prints that name. Back up the key-ring certificate and settings too (README,
# "Backups and restore"). ./test.sh runs it (BookingPortal.Tests/Integration/Operations/BackupScriptTests.cs).
set -euo pipefail

usage="usage: tools/backup.sh sqlite DATABASE_FILE FOLDER | tools/backup.sh postgres DATABASE FOLDER"
kind=${1:?$usage}
source=${2:?$usage}
folder=${3:?$usage}
mkdir -p "$folder"
stamp=$(date -u +%Y%m%d-%H%M%SZ)
partial=$(mktemp "$folder/.backup-in-progress.XXXXXX")
trap 'rm -f "$partial"' EXIT
trap 'exit 130' INT TERM

sqlite_backup() {
  if [ ! -f "$source" ]; then
    echo "No SQLite database at $source (the portal logs where its data is at every start)." >&2
    exit 2
  fi
  if command -v sqlite3 >/dev/null; then
    # The open read transaction holds one snapshot for every step of .backup: commits the portal makes
    # meanwhile neither restart it nor tear it.
    sqlite3 -bail "$source" >/dev/null <<SQL
.timeout 30000
BEGIN;
SELECT count(*) FROM sqlite_schema;
.backup main "$(printf '%s' "$partial" | sed 's/[\\"]/\\&/g')"
COMMIT;
SQL
    check=$(sqlite3 -bail "$partial" "PRAGMA journal_mode=DELETE;" "PRAGMA quick_check;" | tail -n 1) || check="sqlite3 failed"
  elif command -v python3 >/dev/null; then
    check=$(python3 - "$source" "$partial" <<'PY'
import sqlite3, sys
source = sqlite3.connect(sys.argv[1], timeout=30)
copy = sqlite3.connect(sys.argv[2])
source.backup(copy)  # one step (pages=-1): one read transaction, one snapshot
copy.execute("PRAGMA journal_mode=DELETE")
print(copy.execute("PRAGMA quick_check").fetchone()[0])
copy.close()
source.close()
PY
) || check="python3 failed"
  else
    echo "Neither the sqlite3 CLI nor python3 is installed: apt-get install sqlite3." >&2
    exit 2
  fi
  if [ "$check" != "ok" ]; then
    echo "The copy of $source failed its check: $check" >&2
    exit 1
  fi
  name=$(basename "$source")
  target="$folder/${name%.*}-$stamp.db"
}

postgres_backup() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$bin" ] || [ ! -x "$bin/pg_dump" ]; then
    bin=$(dirname "$(command -v pg_dump || echo /usr/bin/pg_dump)")
  fi
  "$bin/pg_dump" --format=custom --file="$partial" --dbname="$source"
  "$bin/pg_restore" --list "$partial" >/dev/null
  target="$folder/$source-$stamp.dump"
}

case "$kind" in
  sqlite) sqlite_backup ;;
  postgres) postgres_backup ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
chmod 600 "$partial"
mv "$partial" "$target"
echo "$target"
