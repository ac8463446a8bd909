#!/bin/sh
# Run in a folder holding node_modules (docker/Dockerfile's prod-deps stage, docker/check/simulate-runtime.sh).
# @temporalio/core-bridge, the orchestrator's Temporal worker core, ships its native library for five
# platforms plus its Rust sources (~150 MiB); keep only the library it loads here, as named by its own
# getPrebuiltTargetName(). Does nothing where the package is not installed (every other workspace).
set -eu
bridge=node_modules/@temporalio/core-bridge
[ -d "$bridge" ] || exit 0
target="$(node -p "require('./$bridge/common').getPrebuiltTargetName()")"
find "$bridge/releases" -mindepth 1 -maxdepth 1 ! -name "$target" -exec rm -rf {} +
rm -rf "$bridge/sdk-core"
