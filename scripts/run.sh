#!/usr/bin/env bash
# Runs NetworkPlatform locally: a project-local PostgreSQL under .data/pg (kept across runs), e-mails written as
# files into .data/mail, the app on http://127.0.0.1:${PORT:-5000} in the foreground. Ctrl-C stops the app and the
# PostgreSQL that this script started.
#
# Usage: scripts/run.sh [--no-demo]
#   --no-demo   do not seed demo data (Demo__Seed=false)
# Environment: PORT (app, default 5000), PGPORT (PostgreSQL, default 5433).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

demo=true
for arg in "$@"; do
  case "$arg" in
    --no-demo) demo=false ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) np_die "unknown argument: $arg (usage: scripts/run.sh [--no-demo])" ;;
  esac
done

# shellcheck disable=SC2119 # no options: PostgreSQL and dotnet only
np_require_packages
np_tools_restore

PGPORT="${PGPORT:-5433}"
PORT="${PORT:-5000}"
data="$NP_ROOT/.data"
pgdata="$data/pg"
maildir="$data/mail"
mkdir -p "$data" "$maildir"

app_pid=""
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    np_log "stopping the app"
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ "$NP_PG_STARTED" -eq 1 ]; then
    np_log "stopping PostgreSQL ($pgdata)"
    np_pg_stop "$pgdata" || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

np_pg_start "$pgdata" "$PGPORT"
np_ensure_db "$PGPORT" networkplatform

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="http://127.0.0.1:$PORT"
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Database=networkplatform;Username=postgres"
export Email__PickupDirectory="$maildir"
export App__BaseUrl="http://127.0.0.1:$PORT"
export Demo__Seed="$demo"

np_log "starting the app on $App__BaseUrl (demo data: $demo; e-mails: $maildir); Ctrl-C stops it"
# In the background so that a signal reaches our trap at once; `dotnet run` passes SIGTERM on to the app.
dotnet run --project "$NP_ROOT/src/NetworkPlatform.Web" -c Release --no-launch-profile </dev/null &
app_pid=$!
set +e
wait "$app_pid"
rc=$?
set -e
app_pid=""
exit "$rc"
