#!/usr/bin/env bash
# Restore drill for a PostgreSQL database of the portal. It only reads the live database, so the
# portal's instances keep serving: it dumps it (pg_dump, custom format), checks the dump is readable
# (pg_restore --list), restores it into a scratch database beside it (DATABASE_drill) owned by the
# role that owns the live tables (the one the portal migrates as) and with every object owned by that
# role, as a real restore must be (the portal's role owns its tables and has no grants on anyone
# else's), and checks the restored copy: the same bookings as the live database at the dump's moment
# (count and a fingerprint of every booking's number, status, slot and customer) and every table owned
# by the same role as in the live database. Then it drops the scratch database, on every exit path;
# the live one is never dropped.
#   PGHOST=db PGPORT=5432 PGUSER=postgres tools/restore-drill.sh bookingportal [dump-file]
# PGUSER must be allowed to create databases and be a member of that role (postgres is both).
# DRILL_DATABASE names the scratch database instead; one of that name must not exist yet.
# A real restore is the same pg_restore into a new database, then a rename (README, "Backups and restore").
# ./test.sh runs it on a throwaway cluster (BookingPortal.Tests/Integration/Operations/RestoreDrillTests.cs).
set -euo pipefail

database=${1:?usage: tools/restore-drill.sh DATABASE [DUMP_FILE]}
scratch=${DRILL_DATABASE:-${database}_drill}
dump=${2:-}
if [ "$scratch" = "$database" ]; then
  echo "The scratch database must not be the live one ($database)." >&2
  exit 2
fi

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_dump" ]; then
  bin=$(dirname "$(command -v pg_dump || echo /usr/bin/pg_dump)")
fi

psql_in() { "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
owners_sql="SELECT coalesce(string_agg(tablename || ' (' || tableowner || ')', ', ' ORDER BY tablename), '') FROM pg_tables WHERE schemaname = 'public'"
fingerprint_sql="SELECT count(*) || ' bookings, fingerprint ' || coalesce(md5(string_agg(\"ConfirmationNumber\" || '|' || \"Status\"::text || '|' || \"StartUtc\"::text || '|' || \"CustomerId\", ',' ORDER BY \"Id\")), '-') FROM \"Bookings\""

created_scratch=0
temporary_dump=0
cleanup() {
  if [ -n "${holder_pid:-}" ]; then kill "$holder_pid" 2>/dev/null || true; fi
  if [ "$created_scratch" = 1 ]; then
    "$bin/dropdb" --force --if-exists "$scratch" || echo "Could not drop the scratch database $scratch: drop it by hand." >&2
  fi
  if [ "$temporary_dump" = 1 ]; then rm -f "$dump"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "$dump" ]; then
  dump=$(mktemp "${TMPDIR:-/tmp}/bookingportal-drill.XXXXXX.dump")
  temporary_dump=1
fi

started=$SECONDS
# The role the portal migrates as owns its tables (the database's owner when it has none yet).
owner=$(psql_in "$database" "SELECT coalesce((SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = '__EFMigrationsHistory'), pg_get_userbyid(datdba)) FROM pg_database WHERE datname = current_database()")
owners=$(psql_in "$database" "$owners_sql")
if [ -n "$(psql_in "$database" "SELECT 1 FROM pg_database WHERE datname = '${scratch//\'/\'\'}'")" ]; then
  echo "A database named $scratch exists already (a drill killed half-way?): drop it, or name another with DRILL_DATABASE." >&2
  exit 2
fi

# The fingerprint and the dump read one snapshot: a booking the running portal commits meanwhile is in
# neither, so the comparison holds while the instances serve.
coproc holder { "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$database"; }
holder_pid=$holder_PID
to_holder=${holder[1]}
echo "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT pg_export_snapshot(); $fingerprint_sql;" >&"$to_holder"
read -r snapshot <&"${holder[0]}"
read -r before <&"${holder[0]}"

echo "==> Dumping $database ($before, owned by $owner)"
"$bin/pg_dump" --format=custom --no-owner --snapshot="$snapshot" --file="$dump" --dbname="$database"
echo "COMMIT;" >&"$to_holder"
exec {to_holder}>&-
wait "$holder_pid"
holder_pid=
"$bin/pg_restore" --list "$dump" >/dev/null

echo "==> Restoring $(du -h "$dump" | cut -f1) dump into $scratch, owned by $owner"
"$bin/createdb" --owner="$owner" --template=template0 "$scratch"
created_scratch=1
"$bin/pg_restore" --no-owner --role="$owner" --exit-on-error --dbname="$scratch" "$dump"

after=$(psql_in "$scratch" "$fingerprint_sql")
restored_owners=$(psql_in "$scratch" "$owners_sql")
if [ "$before" != "$after" ]; then
  echo "Restore drill FAILED: $database had '$before', its restored copy '$after'" >&2
  exit 1
fi
if [ "$owners" != "$restored_owners" ]; then
  echo "Restore drill FAILED: the restored tables' owners differ from the live ones (the portal's role must own every table it uses). $database: $owners; restored: $restored_owners" >&2
  exit 1
fi
echo "==> Restore drill passed in $((SECONDS - started)) s: $after, every table owned by $owner as in $database; dropping $scratch"
