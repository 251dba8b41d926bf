#!/usr/bin/env bash
# The whole test suite: starts every service the tests need (installing it
# into .cache/ on first use), checks types and lint, then runs all tests.
# A missing service makes its tests fail; nothing is skipped.
#
# On a fresh machine the services take minutes to install (downloads,
# builds): the tests that need none (vitest project `local`, listed in
# vitest.config.ts) run meanwhile, then the others (project `services`).
# Both phases always run; the script fails if either failed.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
( npx tsc --noEmit && npx eslint . ) >test-artifacts/static-checks.log 2>&1 &
static=$!
bash scripts/services/up.sh >test-artifacts/services-up.log 2>&1 &
services=$!

echo "== tests that need no service, while the services start (test-artifacts/services-up.log)"
VITEST_REPORT=test-artifacts/vitest-report-local.json npx vitest run --project local --passWithNoTests "$@"
local_tests=$?

services_up=0
wait "$services" || services_up=$?
cat test-artifacts/services-up.log
checks=0
wait "$static" || checks=$?
cat test-artifacts/static-checks.log
((checks == 0)) || echo "type check or lint failed" >&2
((services_up == 0)) || echo "a service did not start: its tests fail below" >&2

echo "== tests that need the services"
VITEST_REPORT=test-artifacts/vitest-report-services.json npx vitest run --project services --passWithNoTests "$@"
service_tests=$?

((local_tests == 0 && service_tests == 0 && checks == 0 && services_up == 0))
