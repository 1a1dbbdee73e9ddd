#!/usr/bin/env bash
# Runs the whole test suite against real components: a throwaway PostgreSQL and an SMTP catcher (aiosmtpd) in a
# temporary directory, Chromium for the browser tests. Builds once, runs `dotnet test`, and ends with the line
#   N passed, N failed, N skipped
# Extra arguments go to `dotnet test`, e.g. scripts/test.sh --filter "FullyQualifiedName~Contacts".
# Screenshots and other artifacts: artifacts/test/.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

tmp=""
pgdata=""
smtp_pid=""
summary_printed=0
summary() {
  printf '%s passed, %s failed, %s skipped\n' "$1" "$2" "$3"
  summary_printed=1
}
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  {
    if [ -n "$smtp_pid" ]; then
      kill -TERM "$smtp_pid" 2>/dev/null || true
      wait "$smtp_pid" 2>/dev/null || true
    fi
    if [ "$NP_PG_STARTED" -eq 1 ]; then
      # Quiet, so that the summary stays the last line even where stdout and stderr are merged.
      local out
      if ! out="$(np_pg_stop "$pgdata" 2>&1)"; then
        printf '%s\n' "$out"
      fi
    fi
    if [ -n "$tmp" ]; then
      rm -rf "$tmp"
    fi
  } >&2
  # Any other way out (missing package, PostgreSQL did not start, interrupted...) still ends on the summary line.
  if [ "$rc" -ne 0 ] && [ "$summary_printed" -eq 0 ]; then
    summary 0 1 0
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

np_require_packages --smtp --chromium

tmp="$(mktemp -d "${TMPDIR:-/tmp}/np-test.XXXXXX")"
pgdata="$tmp/pg"

# PostgreSQL: tuned for speed, data thrown away.
PGPORT="$(np_free_port)"
np_pg_start "$pgdata" "$PGPORT" \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300

# SMTP catcher: one file per message in $tmp/mail/new. Runs as the current user, who owns the directories.
mkdir -p "$tmp/mail/cur" "$tmp/mail/new" "$tmp/mail/tmp"
SMTPPORT="$(np_free_port)"
/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTPPORT" -c aiosmtpd.handlers.Mailbox "$tmp/mail" \
  </dev/null >"$tmp/smtp.log" 2>&1 &
smtp_pid=$!
if ! np_wait_tcp "$SMTPPORT" 30 || ! kill -0 "$smtp_pid" 2>/dev/null; then
  cat "$tmp/smtp.log" >&2 || true
  np_die "the SMTP catcher did not start on 127.0.0.1:$SMTPPORT"
fi
np_log "PostgreSQL on 127.0.0.1:$PGPORT, SMTP catcher on 127.0.0.1:$SMTPPORT"

export NP_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres"
# Every test host would watch appsettings*.json for changes: one inotify instance each, and a suite of a few hundred
# hosts meets the per-user limit (128 on Debian) with "inotify instances has been reached". Tests never edit them.
export DOTNET_hostBuilder__reloadConfigOnChange=false
export NP_TEST_SMTP_HOST=127.0.0.1
export NP_TEST_SMTP_PORT="$SMTPPORT"
export NP_TEST_MAILDIR="$tmp/mail"
NP_PG_BIN="$(np_pg_bin)"
export NP_PG_BIN
export NP_CHROMIUM=/usr/bin/chromium
export NP_TEST_ARTIFACTS="$NP_ROOT/artifacts/test"
mkdir -p "$NP_TEST_ARTIFACTS"

# MSBuild worker nodes left behind would keep this script's output pipe open after it ends.
export MSBUILDDISABLENODEREUSE=1

np_tools_restore
if ! dotnet build "$NP_ROOT/NetworkPlatform.sln" -c Release -nodeReuse:false; then
  np_die "the build failed"
fi
# A change to the model without the migration that applies it (ADR 0010); the build above is what it reads.
if ! (cd "$NP_ROOT" && dotnet ef migrations has-pending-model-changes --project src/NetworkPlatform.Domain \
  --configuration Release --no-build); then
  np_die "the model has changes that no migration applies: add one (README, \"Adding a migration\")"
fi

results="$tmp/results"
set +e
dotnet test "$NP_ROOT/NetworkPlatform.sln" -c Release --no-build \
  --logger "trx;LogFilePrefix=np" --results-directory "$results" "$@"
test_rc=$?
set -e

# Add up the <Counters .../> of every .trx file: "passed failed skipped".
counts="$(/usr/bin/python3 - "$results" <<'PY'
import pathlib, sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
files = sorted(root.rglob("*.trx")) if root.is_dir() else []
if not files:
    print("none")
    sys.exit(0)
passed = failed = skipped = 0
for f in files:
    try:
        tree = ET.parse(f)
    except ET.ParseError:
        failed += 1  # a truncated trx means the run broke
        continue
    for c in tree.iter():
        if c.tag.rsplit("}", 1)[-1] != "Counters":
            continue
        n = lambda k: int(c.get(k, "0") or 0)
        passed += n("passed")
        failed += n("failed") + n("error") + n("timeout") + n("aborted")
        # VSTest leaves notExecuted at 0 for skipped xUnit tests; they show as total - executed.
        skipped += max(n("notExecuted"), n("total") - n("executed"))
print(passed, failed, skipped)
PY
)"

if [ "$counts" = none ]; then
  if [ "$test_rc" -eq 0 ]; then
    summary 0 0 0
    exit 0
  fi
  echo "[np] error: dotnet test exited with $test_rc and wrote no results" >&2
  summary 0 1 0
  exit "$test_rc"
fi

read -r passed failed skipped <<<"$counts"
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "[np] error: dotnet test exited with $test_rc without a failed test (crash or abort?): counted as 1 failure" >&2
  failed=1
fi
summary "$passed" "$failed" "$skipped"
if [ "$test_rc" -ne 0 ]; then
  exit "$test_rc"
fi
if [ "$failed" -gt 0 ]; then
  exit 1
fi
exit 0
