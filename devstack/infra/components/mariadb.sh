# shellcheck shell=bash
# MariaDB: Debian's mariadb-server, run with --no-defaults on its own data dir, socket and port; skipped
# entirely when MYSQL_URL names your own server. Sourced by infra.sh.
# install_mariadb, start_mariadb, mariadb_healthy, mariadb_provision; stopped by stop_component.

MYSQL_HOME="$OMNIFLOW_HOME/mysql"
MYSQL_DATA="$MYSQL_HOME/data"
MYSQL_MARKER="$MYSQL_HOME/.initialized"
MYSQL_SOCK="$RUN_DIR/mysql.sock"
MYSQL_APP_USER=omniflow
MYSQL_APP_PASSWORD=omniflow

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
mariadb_wanted() { [[ -z "$MYSQL_URL" ]]; }
mariadb_installed() { find_prog mariadbd >/dev/null && find_prog mariadb-install-db mysql_install_db >/dev/null; }
mariadb_initialised() { [[ -f "$MYSQL_MARKER" && -d "$MYSQL_DATA/mysql" ]]; }

# Appends to check_prerequisites' `missing` what MariaDB still needs (nothing with MYSQL_URL).
mariadb_prerequisites() {
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

# ---------------------------------------------------------------------------------------------
# start / health / provision
# ---------------------------------------------------------------------------------------------
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
