# shellcheck shell=bash
# Chromium, for the console's browser test and screenshots; not part of up (infra.sh browser). Sourced by infra.sh.

CHROMIUM_BIN="${CHROMIUM_BIN:-/usr/bin/chromium}"

# Installs Debian's chromium when it is missing (idempotent) and prints its path on stdout;
# everything else goes to stderr so callers can read the path alone.
install_chromium() {
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
