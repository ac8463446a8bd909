#!/usr/bin/env bash
# Checks docker-compose.yml and docker/Dockerfile without a Docker engine (see main.go); needs Go >= 1.26
# (its modules come from the Go module proxy on first run). AUTH_JWT_SECRET only has to be set for
# docker-compose.yml to interpolate; any value will do here.
set -euo pipefail
cd "$(dirname "$0")"
AUTH_JWT_SECRET="${AUTH_JWT_SECRET:-placeholder-for-the-check-only-0000000}" go run . "$(cd ../.. && pwd)"
