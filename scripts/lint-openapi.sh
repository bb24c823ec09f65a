#!/usr/bin/env bash
# Lints the API description with Redocly's recommended rules (redocly.yaml): the document is dumped from the
# built app (no server started), then linted offline (telemetry and update checks off). Errors fail; warnings print.
set -euo pipefail
cd "$(dirname "$0")/.."
SPEC=$(mktemp --suffix=.json)
trap 'rm -f "$SPEC"' EXIT
node --import tsx server/src/cli/openapi-dump.ts "$SPEC"
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx --no-install redocly lint "$SPEC" --config redocly.yaml --format=stylish --max-problems 1000
