# shellcheck shell=bash
# TEMPORAL_PERSISTENCE=postgres: the full Temporal server on its own PostgreSQL (postgres.sh), with the Temporal
# Web UI server beside it. Sourced by infra.sh, which owns the shared helpers (lib/common.sh) and the default
# backend (the CLI's dev server on SQLite, temporal-dev.sh).
#
# - temporal-server, temporal-sql-tool and temporal-ui-server: `go install` from the Go module proxy
#   (versions.env), into versioned names under $BIN_DIR. The schema files come from the server's module.
# - Temporal's services take TEMPORAL_PORT (frontend gRPC) .. TEMPORAL_PORT+8, see temporal_server_port.
# install_temporal_server, start_temporal_server (called by start_temporal), start_temporal_ui,
# temporal_ui_healthy, temporal_namespace_ensure; the server answers to temporal_healthy (temporal-dev.sh).

TEMPORAL_SERVER_HOME="$OMNIFLOW_HOME/temporal-server"
TEMPORAL_SERVER_BIN="$BIN_DIR/temporal-server-$TEMPORAL_SERVER_VERSION"
TEMPORAL_SQL_TOOL_BIN="$BIN_DIR/temporal-sql-tool-$TEMPORAL_SERVER_VERSION"
TEMPORAL_UI_BIN="$BIN_DIR/temporal-ui-server-$TEMPORAL_UI_SERVER_VERSION"
# schema/postgresql/v12 of the server's module, copied at install: `up` must not depend on the Go module cache.
TEMPORAL_SCHEMA_DIR="$TEMPORAL_SERVER_HOME/$TEMPORAL_SERVER_VERSION/schema"
TEMPORAL_SERVER_CONFIG_DIR="$TEMPORAL_SERVER_HOME/config" # written on every `up`
TEMPORAL_SERVER_CONFIG_ENV=omniflow                        # --env: the server reads config/omniflow.yaml
TEMPORAL_UI_CONFIG_DIR="$OMNIFLOW_HOME/temporal-ui/config" # written on every `up`
TEMPORAL_NAMESPACE_RETENTION=24h

# Frontend gRPC, membership and HTTP, then history, matching and worker (gRPC + membership): nine ports from
# TEMPORAL_PORT on, so worktrees whose TEMPORAL_PORTs are 100 apart never collide.
temporal_server_port() { # service kind
  local base
  case "$1" in
    frontend) base=0 ;;
    history) base=3 ;;
    matching) base=5 ;;
    worker) base=7 ;;
  esac
  case "$2" in
    grpc) echo $((TEMPORAL_PORT + base)) ;;
    membership) echo $((TEMPORAL_PORT + base + 1)) ;;
    http) echo $((TEMPORAL_PORT + 2)) ;; # frontend only
  esac
}

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------
temporal_server_installed() {
  [[ -x "$TEMPORAL_SERVER_BIN" && -x "$TEMPORAL_SQL_TOOL_BIN" && -x "$TEMPORAL_UI_BIN" && -d "$TEMPORAL_SCHEMA_DIR/temporal/versioned" ]]
}

go_at_least() { # wanted version, e.g. 1.26.5
  local have_v
  have_v="$(go env GOVERSION 2>/dev/null || true)" # go1.26.8
  have_v="${have_v#go}"
  [[ "$have_v" =~ ^[0-9]+\.[0-9]+ ]] || return 1
  [[ "$(printf '%s\n%s\n' "$1" "$have_v" | sort -V | head -n1)" == "$1" ]]
}

# Appends to check_prerequisites' `missing` (bash's dynamic scope) what the full Temporal server still needs.
temporal_server_prerequisites() {
  if ! temporal_server_installed && ! { have go && go_at_least "$TEMPORAL_SERVER_GO_MIN"; }; then
    missing+=("TEMPORAL_PERSISTENCE=postgres builds the Temporal server and Web UI once with 'go install': install Go >= $TEMPORAL_SERVER_GO_MIN (https://go.dev/dl/)")
  fi
}

go_install_to() { # dir logfile package@version
  run_logged "$2" env GOBIN="$1" CGO_ENABLED=0 go install "$3"
}

install_temporal_server() {
  if temporal_server_installed; then
    log "temporal-server $TEMPORAL_SERVER_VERSION: already installed ($TEMPORAL_SERVER_BIN, UI $TEMPORAL_UI_BIN)"
    return 0
  fi
  local t0 tmp modcache module_dir
  t0="$(now_ms)"
  tmp="$(make_tmp)"; TMP_DIRS+=("$tmp")
  log "temporal-server: building server, sql tool ($TEMPORAL_SERVER_VERSION) and Web UI ($TEMPORAL_UI_SERVER_VERSION) with go install (about 7 min on 2 cold cores; logs: $LOG_DIR/install-temporal-*.log)"
  # One GOBIN each: the server's and the UI's main packages both build a binary called `server`.
  go_install_to "$tmp/server" "$LOG_DIR/install-temporal-server.log" "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" \
    || die "temporal-server: go install failed (log: $LOG_DIR/install-temporal-server.log)"
  go_install_to "$tmp/sql" "$LOG_DIR/install-temporal-sql-tool.log" "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" \
    || die "temporal-server: go install of the sql tool failed (log: $LOG_DIR/install-temporal-sql-tool.log)"
  go_install_to "$tmp/ui" "$LOG_DIR/install-temporal-ui.log" "github.com/temporalio/ui-server/v2/cmd/server@$TEMPORAL_UI_SERVER_VERSION" \
    || die "temporal-ui: go install failed (log: $LOG_DIR/install-temporal-ui.log)"
  modcache="$(go env GOMODCACHE)"
  module_dir="$modcache/go.temporal.io/server@$TEMPORAL_SERVER_VERSION"
  [[ -d "$module_dir/schema/postgresql/v12/temporal/versioned" ]] \
    || die "temporal-server: schema files not found in $module_dir/schema/postgresql/v12"
  mkdir -p "$(dirname "$TEMPORAL_SCHEMA_DIR")" "$BIN_DIR"
  rm -rf "$TEMPORAL_SCHEMA_DIR"
  cp -R "$module_dir/schema/postgresql/v12" "$TEMPORAL_SCHEMA_DIR"
  chmod -R u+w "$TEMPORAL_SCHEMA_DIR" # the module cache is read-only; `clean` and upgrades must delete it
  mv -f "$tmp/server/server" "$TEMPORAL_SERVER_BIN"
  mv -f "$tmp/sql/sql" "$TEMPORAL_SQL_TOOL_BIN"
  mv -f "$tmp/ui/server" "$TEMPORAL_UI_BIN"
  log "temporal-server: installed $TEMPORAL_SERVER_BIN, $TEMPORAL_SQL_TOOL_BIN, $TEMPORAL_UI_BIN in $(elapsed "$t0")"
}

# ---------------------------------------------------------------------------------------------
# start / health / provision
# ---------------------------------------------------------------------------------------------
temporal_schema_update() { # temporal | visibility
  local kind="$1" dbname tool logf
  dbname=temporal; [[ "$kind" == visibility ]] && dbname=temporal_visibility
  logf="$LOG_DIR/postgres-schema.log"
  tool=("$TEMPORAL_SQL_TOOL_BIN" --plugin postgres12 --ep 127.0.0.1 -p "$POSTGRES_PORT"
        -u "$PG_TEMPORAL_USER" --pw "$PG_TEMPORAL_PASSWORD" --db "$dbname")
  # setup-schema -v 0.0 only creates the version tables (IF NOT EXISTS) and never lowers a version;
  # update-schema applies the versioned steps not applied yet.
  if ! run_logged "$logf" "${tool[@]}" setup-schema -v 0.0 \
      || ! run_logged "$logf" "${tool[@]}" update-schema -d "$TEMPORAL_SCHEMA_DIR/$kind/versioned"; then
    [[ "${EXTERNAL_postgres:-0}" == 1 ]] \
      && warn "postgres: the server on port $POSTGRES_PORT is not ours: it needs a role $PG_TEMPORAL_USER/$PG_TEMPORAL_PASSWORD owning databases temporal and temporal_visibility"
    die "postgres: the $dbname schema could not be set up (log: $logf)"
  fi
}

temporal_sql_store_yaml() { # database maxConns
  cat <<EOF
      sql:
        pluginName: "postgres12"
        databaseName: "$1"
        connectAddr: "127.0.0.1:$POSTGRES_PORT"
        connectProtocol: "tcp"
        user: "$PG_TEMPORAL_USER"
        password: "$PG_TEMPORAL_PASSWORD"
        maxConns: $2
        maxIdleConns: $2
        maxConnLifetime: "1h"
EOF
}

write_temporal_server_config() {
  mkdir -p "$TEMPORAL_SERVER_CONFIG_DIR"
  # Based on the module's config/development-postgres12.yaml: our ports, no metrics/pprof listeners
  # (they would take fixed ports), no archival.
  cat >"$TEMPORAL_SERVER_CONFIG_DIR/$TEMPORAL_SERVER_CONFIG_ENV.yaml" <<EOF
# Generated by devstack/infra/infra.sh on every 'up' (edits are overwritten).
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: 4
  datastores:
    postgres-default:
$(temporal_sql_store_yaml temporal 20)
    postgres-visibility:
$(temporal_sql_store_yaml temporal_visibility 2)

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"

services:
$(for service in frontend history matching worker; do
    printf '  %s:\n    rpc:\n      grpcPort: %s\n      membershipPort: %s\n      bindOnLocalHost: true\n' \
      "$service" "$(temporal_server_port "$service" grpc)" "$(temporal_server_port "$service" membership)"
    [[ "$service" == frontend ]] && printf '      httpPort: %s\n' "$(temporal_server_port frontend http)"
  done)

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:$TEMPORAL_PORT"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "$TEMPORAL_SERVER_CONFIG_DIR/dynamicconfig.yaml"
  pollInterval: "10s"
EOF
  # What the CLI's dev server sets (the sqlite backend), so both backends behave alike.
  cat >"$TEMPORAL_SERVER_CONFIG_DIR/dynamicconfig.yaml" <<EOF
# Generated by devstack/infra/infra.sh on every 'up' (edits are overwritten).
history.hostLevelCacheMaxSize:
  - value: 8096
frontend.namespaceRPS.visibility:
  - value: 100
component.nexusoperations.callback.endpoint.template:
  - value: "http://127.0.0.1:$(temporal_server_port frontend http)/namespaces/{{.NamespaceName}}/nexus/callback"
component.callbacks.allowedAddresses:
  - value:
      - Pattern: "127.0.0.1:$(temporal_server_port frontend http)"
        AllowInsecure: true
EOF
}

write_temporal_ui_config() {
  mkdir -p "$TEMPORAL_UI_CONFIG_DIR"
  cat >"$TEMPORAL_UI_CONFIG_DIR/$TEMPORAL_SERVER_CONFIG_ENV.yaml" <<EOF
# Generated by devstack/infra/infra.sh on every 'up' (edits are overwritten).
temporalGrpcAddress: 127.0.0.1:$TEMPORAL_PORT
host: 127.0.0.1
port: $TEMPORAL_UI_PORT
enableUi: true
defaultNamespace: default
cors:
  cookieInsecure: true
EOF
}

# Called by start_temporal once PostgreSQL is healthy and provisioned.
start_temporal_server() {
  write_temporal_server_config
  spawn temporal "$TEMPORAL_SERVER_BIN" --root "$TEMPORAL_SERVER_HOME" --config config \
    --env "$TEMPORAL_SERVER_CONFIG_ENV" --allow-no-auth start
}

start_temporal_ui() {
  already_up temporal-ui && return 0
  write_temporal_ui_config
  spawn temporal-ui "$TEMPORAL_UI_BIN" --root "$OMNIFLOW_HOME/temporal-ui" --config config \
    --env "$TEMPORAL_SERVER_CONFIG_ENV" start
}

temporal_ui_healthy() { port_open 127.0.0.1 "$TEMPORAL_UI_PORT"; }

# The full server starts without namespaces; the dev server registers `default` itself.
temporal_namespace_ensure() {
  local address="127.0.0.1:$TEMPORAL_PORT" out
  if ! "$TEMPORAL_BIN" operator namespace describe --address "$address" -n default >/dev/null 2>&1; then
    if ! out="$("$TEMPORAL_BIN" operator namespace create --address "$address" -n default \
                  --retention "$TEMPORAL_NAMESPACE_RETENTION" 2>&1)"; then
      # Another `up` may have created it meanwhile.
      "$TEMPORAL_BIN" operator namespace describe --address "$address" -n default >/dev/null 2>&1 \
        || die "temporal: could not register namespace default: $out"
    fi
    log "temporal: namespace default registered (retention $TEMPORAL_NAMESPACE_RETENTION)"
  fi
  temporal_namespace_await_usable "$address"
}

# `describe` reads the namespace from the database, but the frontend serves other calls from a registry it
# refreshes every ~10 s: until then, listing or starting workflows in a new namespace fails with "Namespace not
# found" (CI's first test setup did). So `up` returns only once a visibility call in `default` answers.
temporal_namespace_await_usable() { # address
  local start; start=$(now_ms)
  until "$TEMPORAL_BIN" workflow count --address "$1" -n default >/dev/null 2>&1; do
    (( $(now_ms) - start < 60000 )) || die "temporal: namespace default exists but the frontend still refuses it after 60s"
    sleep 0.5
  done
  log "temporal: namespace default usable after $(elapsed "$start")"
}
