# shellcheck shell=bash
# TEMPORAL_PERSISTENCE=postgres: the full Temporal server's own PostgreSQL (temporal-server.sh is the server).
# Sourced by infra.sh, which owns the shared helpers (lib/common.sh: log, die, spawn, running_pid, wait_healthy, ...).
#
# - PostgreSQL: Debian's package (apt-get when missing); a private cluster under $OMNIFLOW_HOME/postgres,
#   socket under $RUN_DIR/postgres, TCP on 127.0.0.1:$POSTGRES_PORT. PostgreSQL refuses to run as root, so
#   as root it runs as the package's `postgres` user (setpriv execs in place: the pid file holds the postmaster).
# install_postgres, start_postgres, postgres_healthy, postgres_provision; stopped by stop_component (SIGINT).

POSTGRES_HOME="$OMNIFLOW_HOME/postgres"
PG_DATA="$POSTGRES_HOME/data"
PG_SOCKET_DIR="$RUN_DIR/postgres"
# Names the cluster's processes ("postgres: omniflow-5433: checkpointer"), so orphans of a SIGKILLed
# postmaster can be told apart from other worktrees' clusters.
PG_CLUSTER_NAME="omniflow-$POSTGRES_PORT"
PG_SUPERUSER=postgres
PG_TEMPORAL_USER=temporal
PG_TEMPORAL_PASSWORD=temporal
PG_OS_USER=postgres # the account PostgreSQL runs as when infra.sh runs as root (created by the Debian package)

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
# The newest /usr/lib/postgresql/<major>/bin (Debian keeps initdb there, off PATH), else initdb on PATH.
postgres_bin_dir() {
  local initdb
  initdb="$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -n1 || true)"
  [[ -n "$initdb" ]] || initdb="$(command -v initdb || true)"
  [[ -n "$initdb" ]] || return 1
  dirname "$initdb"
}
postgres_installed() { postgres_bin_dir >/dev/null; }
postgres_initialised() { [[ -f "$PG_DATA/PG_VERSION" ]]; }

# Appends to check_prerequisites' `missing` what the private PostgreSQL still needs.
postgres_prerequisites() {
  if ! postgres_installed; then
    if ! have apt-get; then
      missing+=("TEMPORAL_PERSISTENCE=postgres: PostgreSQL (initdb) not found and no apt-get: install PostgreSQL 12+ yourself")
    elif [[ "$(id -u)" != 0 ]]; then
      missing+=("TEMPORAL_PERSISTENCE=postgres: PostgreSQL (initdb) not found and not root: run 'sudo apt-get install -y $POSTGRES_APT_PACKAGE'")
    fi
  fi
  if [[ "$(id -u)" == 0 ]]; then
    have setpriv || missing+=("TEMPORAL_PERSISTENCE=postgres as root needs setpriv to run PostgreSQL as '$PG_OS_USER': apt-get install util-linux")
    # Without the package the user is created along with it (apt_install_postgres).
    if postgres_installed && ! id -u "$PG_OS_USER" >/dev/null 2>&1; then
      missing+=("TEMPORAL_PERSISTENCE=postgres as root: PostgreSQL refuses to run as root and user '$PG_OS_USER' does not exist: useradd --system $PG_OS_USER")
    fi
  fi
}

apt_install_postgres() {
  log "postgres: initdb not found; apt-get install $POSTGRES_APT_PACKAGE (log: $LOG_DIR/install-postgres-apt.log)"
  # The package may create and start a system cluster on 5432 (policy-rc.d permitting); ours never uses it.
  apt_install postgres "$POSTGRES_APT_PACKAGE" \
    || die "postgres: apt-get install $POSTGRES_APT_PACKAGE failed (log: $LOG_DIR/install-postgres-apt.log)"
  postgres_installed || die "postgres: initdb still not found after apt-get install $POSTGRES_APT_PACKAGE"
}

# Runs a PostgreSQL program as the cluster's owner: the `postgres` user when we are root, else ourselves.
# A command prefix rather than a function, so that spawn's nohup can exec it.
PG_AS_OWNER=()
[[ "$(id -u)" == 0 ]] && PG_AS_OWNER=(setpriv --reuid="$PG_OS_USER" --regid="$PG_OS_USER" --init-groups --)
pg_own() { # paths: hand them to the cluster's owner
  [[ "$(id -u)" == 0 ]] || return 0
  chown "$PG_OS_USER:" "$@"
}

pg_major_of_bin() { # "postgres (PostgreSQL) 15.18" -> 15
  local v
  v="$("$(postgres_bin_dir)/postgres" --version)"
  v="${v##* }"
  echo "${v%%.*}"
}

install_postgres() {
  local t0 bindir major
  t0="$(now_ms)"
  postgres_installed || apt_install_postgres
  bindir="$(postgres_bin_dir)"
  major="$(pg_major_of_bin)"
  if postgres_initialised; then
    [[ "$(head -n1 "$PG_DATA/PG_VERSION")" == "$major" ]] \
      || die "postgres: $PG_DATA was made by PostgreSQL $(head -n1 "$PG_DATA/PG_VERSION"), but $bindir is $major; run 'infra.sh clean' to start afresh"
    log "postgres: already installed ($bindir), data dir $PG_DATA"
    return 0
  fi
  log "postgres: initialising data dir $PG_DATA (PostgreSQL $major)"
  rm -rf "$PG_DATA"
  mkdir -p "$PG_DATA"
  pg_own "$PG_DATA"
  # Local socket: trust (the socket dir is the cluster owner's alone, mode 0700); TCP: passwords.
  if ! run_logged "$LOG_DIR/install-postgres-initdb.log" "${PG_AS_OWNER[@]+"${PG_AS_OWNER[@]}"}" "$bindir/initdb" -D "$PG_DATA" \
        -U "$PG_SUPERUSER" --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8; then
    rm -rf "$PG_DATA"
    die "postgres: initdb failed (log: $LOG_DIR/install-postgres-initdb.log)"
  fi
  log "postgres: data dir initialised in $(elapsed "$t0")"
}

# ---------------------------------------------------------------------------------------------
# start / health / provision
# ---------------------------------------------------------------------------------------------
# Pids of this cluster's backends that outlived their postmaster (it was SIGKILLed). A new postmaster
# refuses to start while they still hold the old shared memory; they exit within moments on their own.
postgres_orphans() {
  local f pid cmdline
  for f in /proc/[0-9]*/cmdline; do
    cmdline="$(tr '\0' ' ' 2>/dev/null <"$f")" || continue
    [[ "$cmdline" == "postgres: $PG_CLUSTER_NAME: "* ]] || continue
    pid="${f#/proc/}"; echo "${pid%/cmdline}"
  done
}
await_postgres_orphans() {
  local i orphans
  for ((i = 0; i < 50; i++)); do
    orphans="$(postgres_orphans)"
    [[ -n "$orphans" ]] || return 0
    (( i == 0 )) && log "postgres: waiting for the previous postmaster's processes to exit: $(tr '\n' ' ' <<<"$orphans")"
    sleep 0.2
  done
  warn "postgres: processes of the previous postmaster still alive after 10 s; SIGKILL: $(tr '\n' ' ' <<<"$orphans")"
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL $orphans 2>/dev/null || true
  sleep 0.5
}

# postgres refuses to start while the pid in its lock files (the data dir's postmaster.pid, the socket's
# .lock) exists, even as a zombie: a SIGKILLed postmaster's parent is init, which in some containers reaps
# only every second or so. Once its backends are gone (await_postgres_orphans), a lock whose pid is no
# live postmaster of ours is stale.
remove_stale_postgres_locks() {
  local lock pid
  for lock in "$PG_DATA/postmaster.pid" "$PG_SOCKET_DIR/.s.PGSQL.$POSTGRES_PORT.lock"; do
    [[ -f "$lock" ]] || continue
    pid="$(head -n1 "$lock")"
    pid_alive postgres "$pid" && continue
    log "postgres: removing the stale $lock (pid $pid no longer runs)"
    rm -f "$lock"
  done
}

start_postgres() {
  already_up postgres && return 0
  await_postgres_orphans
  remove_stale_postgres_locks
  mkdir -p "$PG_SOCKET_DIR"
  chmod 0700 "$PG_SOCKET_DIR"
  pg_own "$PG_SOCKET_DIR"
  # -c flags instead of editing postgresql.conf: the data dir stays as initdb made it.
  # max_connections: Temporal's four services open up to 22 connections each.
  spawn postgres "${PG_AS_OWNER[@]+"${PG_AS_OWNER[@]}"}" "$(postgres_bin_dir)/postgres" -D "$PG_DATA" \
    -c listen_addresses=127.0.0.1 -p "$POSTGRES_PORT" -c unix_socket_directories="$PG_SOCKET_DIR" \
    -c cluster_name="$PG_CLUSTER_NAME" -c max_connections=120
}

pg_psql() { # SQL on stdin, as the superuser over our socket
  "$(postgres_bin_dir)/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCKET_DIR" -p "$POSTGRES_PORT" -U "$PG_SUPERUSER" -d postgres
}

postgres_healthy() {
  local bindir
  bindir="$(postgres_bin_dir)" || return 1
  if [[ "${EXTERNAL_postgres:-0}" == 1 ]]; then
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -t 2
  else
    "$bindir/pg_isready" -q -h "$PG_SOCKET_DIR" -p "$POSTGRES_PORT" -t 2
  fi
}

# Idempotent: the temporal role, its two databases and their schemas at the server version's latest.
postgres_provision() {
  local t0 db
  t0="$(now_ms)"
  if [[ "${EXTERNAL_postgres:-0}" != 1 ]]; then
    pg_psql >>"$(log_file postgres)" 2>&1 <<SQL || die "postgres: could not create role '$PG_TEMPORAL_USER' (log: $(log_file postgres))"
SELECT 'CREATE ROLE $PG_TEMPORAL_USER LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_TEMPORAL_USER') \gexec
ALTER ROLE $PG_TEMPORAL_USER LOGIN PASSWORD '$PG_TEMPORAL_PASSWORD';
SELECT 'CREATE DATABASE temporal OWNER $PG_TEMPORAL_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal') \gexec
SELECT 'CREATE DATABASE temporal_visibility OWNER $PG_TEMPORAL_USER' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility') \gexec
SQL
  fi
  for db in temporal visibility; do
    temporal_schema_update "$db"
  done
  log "postgres: role $PG_TEMPORAL_USER, databases temporal and temporal_visibility at the $TEMPORAL_SERVER_VERSION schema ($(elapsed "$t0"))"
}
