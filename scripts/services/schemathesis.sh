#!/usr/bin/env bash
# schemathesis (PyPI), the OpenAPI fuzzer the API's contract test runs
# against a real `electrolake serve`: pip-installed into a venv in
# .cache/schemathesis-venv/<version>. Nothing runs in the background: the
# test spawns `st` itself. start = install (idempotent); status says whether
# it is installed.
# Usage: scripts/services/schemathesis.sh install|start|stop|status
set -euo pipefail
SERVICE=schemathesis
source "$(dirname "$0")/lib.sh"

SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"
VENV="$CACHE/schemathesis-venv/$SCHEMATHESIS_VERSION"

do_install() {
  pip_venv_install "$VENV" "schemathesis==$SCHEMATHESIS_VERSION"
  "$VENV/bin/st" --version >/dev/null || die "schemathesis installed but st does not run"
}

do_start() { do_install; }
do_stop() { :; }
do_status() {
  if [[ -f "$VENV/.installed" ]]; then echo "schemathesis: installed ($VENV/bin/st)"; else echo "schemathesis: not installed"; return 1; fi
}

dispatch "$@"
