# shellcheck shell=bash
# Shared helpers of infra.sh and its components (sourced by infra.sh, before the components): logging, temp
# dirs, ports, pid and log files, spawn (detached start with a pid file), apt-get, and the generic lifecycle
# steps every component goes through: already_up (reuse), wait_healthy (calls <component>_healthy, then
# infra.sh's after_healthy) and stop_component. The per-component tables they consult (port_of,
# cmd_signature, stop_signal_of, after_healthy, selected_component) live in infra.sh.

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
