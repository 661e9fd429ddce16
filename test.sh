#!/usr/bin/env bash
# Runs every test of BookingPortal. Installs what is missing first, so it works on a fresh machine
# and in CI (CI=true, no stdin). Safe to run again: each install step checks before it acts.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DEBIAN_FRONTEND=noninteractive
# Every .NET process of the run (the compiler, the test host, the portals the tests start) is short-lived next to a
# server: tiered PGO's instrumented second compile of hot methods costs more CPU than its faster code repays in one.
# Measured on 2 cores: a clean build 192 s of CPU with it, 147 s without; the in-process integration suites 220-238 s
# with it, 160-177 s without. A portal run outside this script keeps the runtime's default.
export DOTNET_TieredPGO=0

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Headless Chromium for the end-to-end tests (Playwright cannot download its own browser here), nginx for the
# reverse-proxy ones, the PostgreSQL server tools/with-postgres.sh runs and the sqlite3 CLI tools/backup.sh uses (its
# Python fallback is tested only by hand). The package index is read first whichever is missing (a machine with
# Chromium but no index could not find nginx), and once: with-postgres.sh would read it again.
missing=()
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ! -x /usr/sbin/nginx ]; then missing+=(nginx-light); fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then missing+=(postgresql); fi
if ! command -v sqlite3 >/dev/null; then missing+=(sqlite3); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Installing ${missing[*]} (apt)"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "==> Restoring tools and packages"
dotnet tool restore >/dev/null
dotnet restore BookingPortal.sln >/dev/null

# One Release build serves the tests, the portal processes they start and the published artifact: a Debug build
# beside it compiled everything twice (the publish alone took 50 s of a 14-minute run on 2 cores).
echo "==> Building (Release)"
dotnet build BookingPortal.sln --no-restore -c Release -nologo -clp:ErrorsOnly

# The artifact a server runs; the load-balancer test and the restore drill run it, not `dotnet run`.
echo "==> Publishing"
published="$PWD/artifacts/publish"
rm -rf "$published"
publish_started=$SECONDS
dotnet publish BookingPortal --no-build -c Release -o "$published" -nologo -clp:ErrorsOnly >/dev/null
echo "    published in $((SECONDS - publish_started)) s"
export BOOKINGPORTAL_PUBLISHED="$published"

results="$PWD/TestResults"
rm -rf "$results"
mkdir -p "$results"

echo "==> Testing (SQLite files and a throwaway PostgreSQL cluster)"
status=0
BOOKINGPORTAL_REQUIRE_POSTGRES=1 tools/with-postgres.sh dotnet test BookingPortal.sln --no-build -c Release --results-directory "$results" \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=minimal" || status=$?

# One plain summary line for humans and CI, read from the TRX counters.
trx="$results/tests.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(get total); passed=$(get passed); failed=$(get failed); notrun=$(get notExecuted)
  echo "${passed:-0} passed, ${failed:-0} failed, ${notrun:-0} skipped"
  if [ "${total:-0}" -eq 0 ]; then
    echo "No tests ran." >&2
    exit 1
  fi
else
  echo "No test results were written." >&2
  exit 1
fi
exit "$status"
