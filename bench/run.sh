#!/usr/bin/env bash
# The contact-network and member-search benchmarks: starts a local PostgreSQL (data in bench/.data/pg, kept between
# runs), generates np_bench_<N> unless it already exists, runs the scenarios and writes bench/results/network-<N>.md
# (or search-<N>.md).
#
#   bench/run.sh [N] [run options...]         N defaults to 100000; run options go to `NetworkPlatform.Bench run`,
#                                             e.g. bench/run.sh 1000000 --iterations 300
#   bench/run.sh N search [options...]        the member search (issue 5): `NetworkPlatform.Bench run-search`
#   bench/run.sh N companies [options...]     the company directory (issue 18): `NetworkPlatform.Bench run-companies`;
#                                             writes bench/results/companies-<N>.md. A database generated before issue 18
#                                             is migrated and gets its N/10 companies first (`generate --if-missing`)
#   bench/run.sh pages [N] [options...]       the member pages through HTTP (issue 17): publishes the app in Release,
#                                             `NetworkPlatform.Bench run-pages` starts it, logs members in and runs wrk;
#                                             writes bench/results/pages-<N>.md (bench/README.md, "Pages (issue 17)")
#
# Environment:
#   NP_BENCH_PG="Host=...;Port=...;Username=..."  use that server instead of starting one (settings are then yours)
#   NP_BENCH_REGENERATE=1                        generate the database again even if it exists
#   NP_BENCH_PORT (default 55433), NP_BENCH_PGDATA (default bench/.data/pg)
#   NP_BENCH_KEEP_RUNNING=1                      leave the server running afterwards (for psql, EXPLAIN, more runs)
#   NP_BENCH_SHARED_BUFFERS                      shared_buffers of a server started here, in GB or MB (default 8GB for the
#                                                network benchmark, 2GB for the search; bench/README.md says why)
#   NP_BENCH_TRACE=SCENARIO                      pages: dotnet-trace during that scenario, dotnet-counters for the run
#                                                (files in bench/.data/profiles/<time>/; same as --trace SCENARIO)
set -euo pipefail

# shellcheck source=scripts/lib.sh disable=SC1091
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

command=run
if [ "${1:-}" = pages ]; then
  command=run-pages
  shift
  # `pages N` and `pages` (100,000) as well as `N pages`.
  case "${1:-}" in
    '' | -*) ;;
    *) members="$1"; shift ;;
  esac
fi
if [ -z "${members:-}" ]; then
  members="${1:-100000}"
  case "${1:-}" in
    '' | -*) members=100000 ;;
    *) shift ;;
  esac
fi
case "$members" in
  '' | *[!0-9]*) np_die "usage: bench/run.sh [N] [search|companies|pages] [run options]; N is a number of members, got '$members'" ;;
esac
if [ "${1:-}" = search ]; then
  command=run-search
  shift
elif [ "${1:-}" = companies ]; then
  command=run-companies
  shift
elif [ "${1:-}" = pages ]; then
  command=run-pages
  shift
fi

pgdata="${NP_BENCH_PGDATA:-$NP_ROOT/bench/.data/pg}"
port="${NP_BENCH_PORT:-55433}"
started_here=0

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$started_here" -eq 1 ] && [ "${NP_BENCH_KEEP_RUNNING:-0}" != 1 ]; then
    np_pg_stop "$pgdata" || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pages_settings=()
if [ "$command" = run-pages ]; then
  np_require_packages --wrk
  # SQL statements per request come from pg_stat_statements; the app's pool (100) and ours need more than 100.
  pages_settings=(-c shared_preload_libraries=pg_stat_statements -c max_connections=200)
fi

if [ -z "${NP_BENCH_PG:-}" ]; then
  [ "$command" = run-pages ] || np_require_packages
  # Settings for a benchmark on this machine (24 GiB, 2 cores): the database fits in memory. fsync,
  # synchronous_commit, full_page_writes off and wal_level=minimal only speed up loading (the data is thrown away
  # and rebuilt if the machine crashes); the measured scenarios only read. jit off, as for any OLTP workload.
  # shared_buffers: the network benchmark keeps the Contacts indexes (2 x 2.4 GB at 1M) in shared buffers. The search
  # reads profile rows all over the table and keeps its indexes in 2 GB, the rest in the OS cache (6 GB measured no
  # faster). Huge pages when the machine has them reserved (huge_pages=try): without, each connection's first touch of
  # each 4 kB of the buffer pool is a page fault, and a search that reads a thousand rows spent most of its time there
  # (bench/README.md, "Fifth round"). Reserving them needs root: sysctl -w vm.nr_hugepages=N (N x 2 MB > shared_buffers).
  shared_buffers="${NP_BENCH_SHARED_BUFFERS:-$(case "$command" in run-search | run-companies) echo 2GB ;; *) echo 8GB ;; esac)}"
  huge_total=$(awk '/^HugePages_Total:/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  huge_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo 2>/dev/null || echo 2048)
  case "$shared_buffers" in
    *GB) buffers_kb=$(( ${shared_buffers%GB} * 1024 * 1024 )) ;;
    *MB) buffers_kb=$(( ${shared_buffers%MB} * 1024 )) ;;
    *) buffers_kb=0 ;;
  esac
  if [ "$buffers_kb" -gt 0 ] && { [ "${huge_total:-0}" -eq 0 ] || [ $(( huge_total * huge_kb )) -le "$buffers_kb" ]; }; then
    np_log "no huge pages reserved for shared_buffers=$shared_buffers: the search will be slower (bench/README.md);" \
      "as root: sysctl -w vm.nr_hugepages=$(( buffers_kb / ${huge_kb:-2048} * 11 / 10 ))"
  fi
  np_pg_start "$pgdata" "$port" \
    -c shared_buffers="$shared_buffers" -c huge_pages=try \
    -c effective_cache_size=16GB -c work_mem=32MB -c maintenance_work_mem=2GB \
    -c max_wal_size=16GB -c checkpoint_timeout=30min -c random_page_cost=1.1 -c effective_io_concurrency=200 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
    -c jit=off -c max_parallel_maintenance_workers=2 ${pages_settings[@]+"${pages_settings[@]}"}
  started_here="$NP_PG_STARTED"
  export NP_BENCH_PG="Host=127.0.0.1;Port=$port;Username=postgres"
fi

export MSBUILDDISABLENODEREUSE=1
dotnet build "$NP_ROOT/bench/NetworkPlatform.Bench/NetworkPlatform.Bench.csproj" -c Release -nodeReuse:false >&2 ||
  np_die "the build failed"
bench=(dotnet "$NP_ROOT/bench/NetworkPlatform.Bench/bin/Release/net10.0/NetworkPlatform.Bench.dll")

# --if-missing: keep a database that an earlier `generate` finished (it leaves its description as the comment).
if [ "${NP_BENCH_REGENERATE:-0}" = 1 ]; then
  "${bench[@]}" generate --members "$members"
else
  "${bench[@]}" generate --members "$members" --if-missing
fi

if [ "$command" = run-pages ]; then
  np_tools_restore # dotnet-trace and dotnet-counters for --trace
  app_dir="$(mktemp -d "${TMPDIR:-/tmp}/np-bench-app.XXXXXX")"
  # shellcheck disable=SC2317 # run by the EXIT trap
  cleanup_app() {
    local rc=$?
    rm -rf "$app_dir"
    (exit "$rc")
    cleanup
  }
  trap cleanup_app EXIT
  np_log "publishing the app in Release to $app_dir"
  dotnet publish "$NP_ROOT/src/NetworkPlatform.Web/NetworkPlatform.Web.csproj" -c Release -o "$app_dir" -nodeReuse:false >&2 ||
    np_die "dotnet publish failed"
  "${bench[@]}" run-pages --members "$members" --app "$app_dir" "$@"
else
  "${bench[@]}" "$command" --members "$members" "$@"
fi
