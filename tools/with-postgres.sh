#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: installs Debian's postgresql when missing,
# initdb's a cluster in a temp directory owned by a non-root user (PostgreSQL refuses to run as
# root), starts it on a free loopback port, exports its connection string as
# BOOKINGPORTAL_TEST_POSTGRES, runs "$@", and stops and removes the cluster on every exit path.
#   tools/with-postgres.sh dotnet test BookingPortal.Tests --filter Postgres
# POSTGRES_DURABLE=1 keeps fsync on (the benchmarks); tests run with it off, the data is thrown away anyway.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

if ! pg_bin >/dev/null; then
  echo "==> Installing PostgreSQL (apt)" >&2
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
bin=$(pg_bin)

# The server must not run as root: use the package's postgres account, or the caller when not root.
if [ "$(id -u)" -eq 0 ]; then
  run_as=postgres
  id "$run_as" >/dev/null 2>&1 || useradd --system --no-create-home "$run_as"
  as_user() { runuser -u "$run_as" -- "$@"; }
else
  run_as=$(id -un)
  as_user() { "$@"; }
fi

cluster=$(mktemp -d /tmp/bookingportal-pg.XXXXXX)
chmod 755 "$cluster"
chown "$run_as" "$cluster"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  as_user "$bin/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT INT TERM

as_user "$bin/initdb" -D "$cluster/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 \
  || { cat "$cluster/initdb.log" >&2; exit 1; }
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${POSTGRES_DURABLE:-0}" = "1" ]; then durability=""; fi
as_user "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $cluster -c max_connections=400 -c shared_buffers=256MB $durability" start >/dev/null \
  || { cat "$cluster/server.log" >&2; exit 1; }

export BOOKINGPORTAL_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
echo "==> PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $cluster)" >&2
"$@"
