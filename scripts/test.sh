#!/usr/bin/env bash
# The whole test suite: starts every service the tests need (installing it
# into .cache/ on first use), checks types and lint, then runs all tests.
# A missing service makes its tests fail; nothing is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services/up.sh
npx tsc --noEmit
npx eslint .
npx vitest run "$@"
