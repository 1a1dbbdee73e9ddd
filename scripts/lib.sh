# shellcheck shell=bash
# NP_PG_STARTED is set here and read by the scripts that source this file.
# shellcheck disable=SC2034
# Shared helpers for scripts/run.sh, scripts/create-admin.sh and scripts/test.sh.
# Source it; it defines functions and NP_ROOT (the repository root) and changes no shell options.

NP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NP_ROOT

# Quieter, non-interactive .NET CLI.
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Set by np_pg_start: 1 if this process started the server, 0 if it was already running.
NP_PG_STARTED=0

np_log() { printf '%s\n' "[np] $*" >&2; }
np_die() { printf '%s\n' "[np] error: $*" >&2; exit 1; }

np_is_root() { [ "$(id -u)" -eq 0 ]; }

# True if the Debian package is installed (falls back to false where dpkg-query is missing).
np__dpkg_installed() {
  command -v dpkg-query >/dev/null 2>&1 &&
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# np_require_packages [--smtp] [--chromium] [--wrk]
# PostgreSQL server (postgresql, postgresql-contrib) always; python3-aiosmtpd with --smtp; chromium with --chromium;
# wrk (HTTP load, bench/run.sh pages) with --wrk. (libvips for photos comes with the NetVips.Native NuGet packages.)
# Installs what is missing as root; otherwise prints the sudo line and exits 1. Then checks for dotnet.
np_require_packages() {
  local want_smtp=0 want_chromium=0 want_wrk=0 arg
  for arg in "$@"; do
    case "$arg" in
      --smtp) want_smtp=1 ;;
      --chromium) want_chromium=1 ;;
      --wrk) want_wrk=1 ;;
      *) np_die "np_require_packages: unknown option $arg" ;;
    esac
  done

  local -a missing=()
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || ! np__dpkg_installed postgresql; then
    missing+=(postgresql)
  fi
  if ! np__dpkg_installed postgresql-contrib; then
    missing+=(postgresql-contrib)
  fi
  if [ "$want_smtp" -eq 1 ] && ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
    missing+=(python3-aiosmtpd)
  fi
  if [ "$want_chromium" -eq 1 ] && [ ! -x /usr/bin/chromium ]; then
    missing+=(chromium)
  fi
  if [ "$want_wrk" -eq 1 ] && ! command -v wrk >/dev/null 2>&1; then
    missing+=(wrk)
  fi

  if [ "${#missing[@]}" -gt 0 ]; then
    if np_is_root; then
      np_log "installing Debian packages: ${missing[*]}"
      local -a apt=(apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends)
      # Output goes to stderr so a caller's stdout stays clean.
      if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >&2; then
        np_log "install failed; running apt-get update and trying again"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update >&2 ||
          np_die "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive "${apt[@]}" "${missing[@]}" >&2 ||
          np_die "apt-get install ${missing[*]} failed"
      fi
    else
      {
        echo "Missing Debian packages: ${missing[*]}. Install them with:"
        echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}"
        echo "(run 'sudo apt-get update' first if apt cannot find them)"
      } >&2
      exit 1
    fi
  fi

  if ! command -v dotnet >/dev/null 2>&1; then
    {
      echo "dotnet is not on PATH. Install the .NET 10 SDK (see global.json), for example:"
      echo "  https://dotnet.microsoft.com/download/dotnet/10.0 (packages.microsoft.com: apt-get install dotnet-sdk-10.0)"
      echo "  or: curl -sSL https://dot.net/v1/dotnet-install.sh | bash -s -- --channel 10.0"
      echo "      then export PATH=\"\$HOME/.dotnet:\$PATH\""
    } >&2
    exit 1
  fi
}

# Prints the newest PostgreSQL bin directory.
np_pg_bin() {
  local bin
  # shellcheck disable=SC2012 # Debian directory names (e.g. 15), sorted by version
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [ -n "$bin" ] || np_die "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  printf '%s\n' "$bin"
}

# Runs a PostgreSQL server tool: as the postgres user from / when we are root, directly otherwise.
np__pg_as_owner() {
  if np_is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# As root: make DIR owned by postgres and every parent directory traversable by it.
np__pg_prepare_dir_for_postgres() {
  local dir="$1" d
  id postgres >/dev/null 2>&1 || np_die "user 'postgres' does not exist (apt-get install postgresql)"
  chown postgres:postgres "$dir"
  chmod 700 "$dir"
  d="$(dirname "$dir")"
  while :; do
    if ! runuser -u postgres -- test -x "$d"; then
      np_log "chmod o+x $d (so the postgres user can reach the data directory)"
      chmod o+x "$d"
    fi
    [ "$d" = / ] && break
    d="$(dirname "$d")"
  done
}

# np_pg_start DATADIR PORT [extra postgres options, e.g. -c fsync=off ...]
# Sets NP_PG_STARTED=1 if it started the server, 0 if one was already running on DATADIR.
np_pg_start() {
  [ "$#" -ge 2 ] || np_die "usage: np_pg_start DATADIR PORT [-c name=value ...]"
  local dir="$1" port="$2"
  shift 2
  local bin
  bin="$(np_pg_bin)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  NP_PG_STARTED=0

  if np_is_root; then
    np__pg_prepare_dir_for_postgres "$dir"
  fi

  if [ -f "$dir/postmaster.pid" ] && np__pg_as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    local running_port
    running_port="$(sed -n 4p "$dir/postmaster.pid" 2>/dev/null || true)"
    if [ -n "$running_port" ] && [ "$running_port" != "$port" ]; then
      np_die "PostgreSQL on $dir is already running on port $running_port, not $port (stop it: $bin/pg_ctl -D $dir stop, or set the port)"
    fi
    np_log "PostgreSQL on $dir is already running (port $port); reusing it - not started by this script, it will be left running"
  else
    if [ ! -f "$dir/PG_VERSION" ]; then
      np_log "initdb $dir"
      np__pg_as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2 ||
        np_die "initdb failed"
    fi
    # Unix sockets live in the data dir; a socket path longer than ~107 bytes is refused, so then use TCP only.
    local sockopt="-k '$dir'"
    if [ "${#dir}" -gt 90 ]; then
      sockopt="-c unix_socket_directories=''"
    fi
    local opts="-p $port -c listen_addresses=127.0.0.1 $sockopt"
    if [ "$#" -gt 0 ]; then
      opts="$opts $*"
    fi
    np_log "starting PostgreSQL on 127.0.0.1:$port (data $dir, log $dir/server.log)"
    # Set first, so that a caller's cleanup also stops a server that started but then failed the checks below.
    NP_PG_STARTED=1
    if ! np__pg_as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "$opts" start >&2; then
      tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
      np_die "PostgreSQL did not start (log: $dir/server.log)"
    fi
  fi

  local i
  for i in $(seq 1 60); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      return 0
    fi
    [ "$i" -eq 60 ] || sleep 0.5
  done
  np_die "PostgreSQL on 127.0.0.1:$port is not accepting connections (log: $dir/server.log)"
}

# np_pg_stop DATADIR: fast shutdown of the server on DATADIR, if one is running.
np_pg_stop() {
  [ "$#" -eq 1 ] || np_die "usage: np_pg_stop DATADIR"
  local dir="$1" bin
  [ -f "$dir/postmaster.pid" ] || return 0
  bin="$(np_pg_bin)"
  np__pg_as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2
}

# Prints a free TCP port on 127.0.0.1.
np_free_port() {
  /usr/bin/python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# np_wait_tcp PORT [SECONDS]: waits until 127.0.0.1:PORT accepts a TCP connection.
np_wait_tcp() {
  local port="$1" tries=$(( ${2:-30} * 5 )) i
  for i in $(seq 1 "$tries"); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    [ "$i" -eq "$tries" ] || sleep 0.2
  done
  return 1
}

# np_ensure_db PORT NAME: creates database NAME on the local server if it does not exist.
np_ensure_db() {
  local port="$1" name="$2" bin exists
  bin="$(np_pg_bin)"
  exists="$("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='$name'")"
  if [ "$exists" != 1 ]; then
    np_log "creating database $name"
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$name"
  fi
}

# np_tools_restore: the .NET tools pinned in .config/dotnet-tools.json (dotnet-ef: `dotnet ef migrations add`).
np_tools_restore() {
  (cd "$NP_ROOT" && dotnet tool restore >&2) || np_die "dotnet tool restore failed (.config/dotnet-tools.json)"
}
