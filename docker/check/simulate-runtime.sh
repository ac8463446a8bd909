#!/usr/bin/env bash
# What docker/Dockerfile's runtime stage holds, tried without Docker. For each workspace: its production
# dependencies installed as the prod-deps stage installs them (npm ci --omit=dev -w <ws>, then
# prune-core-bridge.sh) in a scratch folder, this checkout's built dist folders beside them, then
# `node dist/main.js` started in the workspace folder with environment variables only, against this checkout's
# infrastructure (`npm run infra -- up`, its own databases omniflow_imagecheck_* and topics imagecheck.*),
# the image's own HEALTHCHECK command, and SIGTERM. Prints the size of each node_modules.
# Not tried: Docker itself, the base images (Alpine's musl libc included). Run `npm run build` first.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$repo"
eval "$(bash devstack/infra/infra.sh env | grep -E '^[A-Z_]+=')"
healthcheck="$(grep -o 'fetch(process.env.HEALTHCHECK_URL)[^"]*' docker/Dockerfile)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
node -e "require('./devstack/dist/stack/kafka-topics').ensureTopics(process.argv[1], 'imagecheck.')" "$KAFKA_BROKERS"
manifests=(package.json package-lock.json contracts/package.json lib/package.json devstack/package.json orchestrator/package.json
  services/gateway/package.json services/inventory/package.json services/payment/package.json services/shipping/package.json)
port=18990
failed=0
for workspace in services/inventory services/payment services/shipping services/gateway orchestrator; do
  name="$(basename "$workspace")" image="$scratch/$name" port=$((port + 1))
  for file in "${manifests[@]}"; do mkdir -p "$image/$(dirname "$file")" && cp "$file" "$image/$file"; done
  (cd "$image" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund --workspace "$workspace" \
    --include-workspace-root=false >install.log 2>&1 && sh "$repo/docker/prune-core-bridge.sh")
  for built in contracts lib "$workspace"; do cp -r "$built/dist" "$image/$built/dist"; done
  database=$name && [[ $name == gateway || $name == orchestrator ]] && database=orders
  (cd "$image/$workspace" && exec env -i PATH="$PATH" NODE_ENV=production HOST=127.0.0.1 PORT=$port \
    HEALTH_HOST=127.0.0.1 HEALTH_PORT=$port KAFKA_BROKERS="$KAFKA_BROKERS" KAFKA_TOPIC_PREFIX=imagecheck. \
    TEMPORAL_ADDRESS="$TEMPORAL_ADDRESS" TEMPORAL_TASK_QUEUE=omniflow-imagecheck \
    DATABASE_URL="$MYSQL_URL/omniflow_imagecheck_$database" AUTH_JWT_SECRET="$(head -c 32 /dev/urandom | base64)" \
    node dist/main.js >"$image/run.log" 2>&1) &
  pid=$!
  for _ in $(seq 600); do grep -q '"msg":"ready"' "$image/run.log" && break; kill -0 $pid 2>/dev/null || break; sleep 0.2; done
  health=0 && HEALTHCHECK_URL="http://127.0.0.1:$port/health/ready" node -e "$healthcheck" || health=$?
  kill -TERM $pid 2>/dev/null || true
  stopped=0 && wait $pid || stopped=$?
  echo "$workspace: node_modules $(du -sm "$image/node_modules" | cut -f1) MiB; HEALTHCHECK exit $health; exit on SIGTERM $stopped"
  if ((health != 0 || stopped != 0)); then failed=1 && tail -5 "$image/run.log"; fi
done
exit $failed
