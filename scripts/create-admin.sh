#!/usr/bin/env bash
# Creates (or promotes) an administrator account in the local database that scripts/run.sh uses.
# Starts the project-local PostgreSQL under .data/pg if it is not running, and stops it again afterwards.
#
# Usage: scripts/create-admin.sh --email ADDRESS [more create-admin options]
# Environment: PGPORT (PostgreSQL, default 5433), PORT (app URL used in e-mails, default 5000).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${1:-}" in
  ""|-h|--help) sed -n '2,6p' "$0"; [ "$#" -gt 0 ] && exit 0; exit 2 ;;
esac

# shellcheck disable=SC2119 # no options: PostgreSQL and dotnet only
np_require_packages

PGPORT="${PGPORT:-5433}"
PORT="${PORT:-5000}"
data="$NP_ROOT/.data"
pgdata="$data/pg"
maildir="$data/mail"
mkdir -p "$data" "$maildir"

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
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
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Database=networkplatform;Username=postgres"
export Email__PickupDirectory="$maildir"
export App__BaseUrl="http://127.0.0.1:$PORT"

dotnet run --project "$NP_ROOT/src/NetworkPlatform.Web" -c Release --no-launch-profile -- create-admin "$@"
