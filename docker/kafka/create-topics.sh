#!/usr/bin/env bash
# One-shot job of docker-compose.yml (service kafka-init, apache/kafka image): creates OmniFlow's command
# and reply topics, because the broker runs with auto.create.topics.enable=false. Names are those of
# contracts/src/topics.ts (devstack/src/stack/kafka-topics.ts does the same for `npm start`):
# <prefix><service>.commands and <prefix><service>.replies for inventory, payment and shipping.
# TOPIC_PARTITIONS (default 3) partitions each: at most that many replicas of a service share its commands
# (see README's Benchmarks on choosing it).
# Idempotent (--if-not-exists): safe on every `docker compose up`.
set -euo pipefail

bootstrap="${KAFKA_BOOTSTRAP_SERVER:-kafka:9092}"
prefix="${KAFKA_TOPIC_PREFIX:-}"
partitions="${TOPIC_PARTITIONS:-3}"
# contracts/src/topics.ts TOPIC_RETENTION_MS (7 days): the dedup rows' retention is derived from it.
retention_ms=604800000
topics_sh=/opt/kafka/bin/kafka-topics.sh

for service in inventory payment shipping; do
  for kind in commands replies; do
    topic="${prefix}${service}.${kind}"
    "$topics_sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor 1 --config retention.ms="$retention_ms"
    echo "kafka-init: topic $topic ready"
  done
done
# Messages that could not be processed, with the reason in their headers (contracts/src/topics.ts deadLetterTopic).
"$topics_sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic "${prefix}dead-letters" --partitions "$partitions" --replication-factor 1 --config retention.ms="$retention_ms"
echo "kafka-init: topic ${prefix}dead-letters ready"
# Order status changes for live watchers such as the console (contracts/src/topics.ts orderEventsTopic).
"$topics_sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic "${prefix}order-events" --partitions "$partitions" --replication-factor 1
echo "kafka-init: topic ${prefix}order-events ready"
# Each SKU's latest availability, keyed by SKU (contracts/src/topics.ts availabilityTopic): compacted, no time
# retention, segments rolled hourly so the cleaner has closed segments to compact
# (devstack/src/stack/kafka-topics.ts).
"$topics_sh" --bootstrap-server "$bootstrap" --create --if-not-exists \
  --topic "${prefix}inventory.availability" --partitions "$partitions" --replication-factor 1 \
  --config cleanup.policy=compact --config segment.ms=3600000
echo "kafka-init: topic ${prefix}inventory.availability ready"
