#!/usr/bin/env bash
# The whole test suite: starts every service the tests need (installing it
# into .cache/ on first use), checks types and lint, then runs all tests.
# A missing service makes its tests fail; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
# Types and lint need no service: they run while the services install (on a
# fresh machine that is mostly downloads), and their output follows up.sh's.
mkdir -p test-artifacts
( npx tsc --noEmit && npx eslint . ) >test-artifacts/static-checks.log 2>&1 &
static=$!
services=0
bash scripts/services/up.sh || services=$?
checks=0
wait "$static" || checks=$?
cat test-artifacts/static-checks.log
((checks == 0)) || { echo "type check or lint failed" >&2; exit "$checks"; }
((services == 0)) || exit "$services"
npx vitest run "$@"
