#!/usr/bin/env bash
# Restore drill for a PostgreSQL database of the portal: dump it (pg_dump, custom format), drop it,
# create it again, restore the dump, and check the bookings are the same rows as before (count and a
# fingerprint of every booking's number, status, slot and customer). Stop the portal's instances
# first, or the drop ends their connections; start them again afterwards and check they serve.
#   PGHOST=db PGPORT=5432 PGUSER=postgres tools/restore-drill.sh bookingportal [dump-file]
# The nightly backup is the same pg_dump line on a schedule (see README, "Backups and the restore drill").
# ./test.sh runs it on a throwaway cluster (BookingPortal.Tests/Integration/Operations/RestoreDrillTests.cs).
set -euo pipefail

database=${1:?usage: tools/restore-drill.sh DATABASE [DUMP_FILE]}
dump=${2:-$(mktemp "${TMPDIR:-/tmp}/bookingportal-drill.XXXXXX.dump")}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/pg_dump" ]; then
  bin=$(dirname "$(command -v pg_dump || echo /usr/bin/pg_dump)")
fi

fingerprint() {
  "$bin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$database" -c \
    "SELECT count(*) || ' bookings, fingerprint ' || coalesce(md5(string_agg(\"ConfirmationNumber\" || '|' || \"Status\"::text || '|' || \"StartUtc\"::text || '|' || \"CustomerId\", ',' ORDER BY \"Id\")), '-') FROM \"Bookings\""
}

started=$SECONDS
before=$(fingerprint)
echo "==> Dumping $database ($before)"
"$bin/pg_dump" --format=custom --no-owner --file="$dump" --dbname="$database"
echo "==> Dropping $database"
"$bin/dropdb" --force "$database"
echo "==> Restoring $database from $(du -h "$dump" | cut -f1) dump"
"$bin/createdb" "$database"
"$bin/pg_restore" --no-owner --exit-on-error --dbname="$database" "$dump"
after=$(fingerprint)
if [ "$before" != "$after" ]; then
  echo "Restore drill FAILED: before '$before', after '$after'" >&2
  exit 1
fi
echo "==> Restore drill passed in $((SECONDS - started)) s: $after"
