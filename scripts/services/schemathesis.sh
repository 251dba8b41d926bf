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
  # The stamp is written last: a half-done install (killed pip) is redone.
  if [[ -f "$VENV/.installed" ]]; then
    log "installed: schemathesis $SCHEMATHESIS_VERSION in $VENV"
    return 0
  fi
  command -v python3 >/dev/null || die "python3 is required"
  log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  "$VENV/bin/st" --version >/dev/null || die "schemathesis installed but st does not run"
  touch "$VENV/.installed"
  log "installed: schemathesis $SCHEMATHESIS_VERSION in $VENV"
}

do_start() { do_install; }
do_stop() { :; }
do_status() {
  if [[ -f "$VENV/.installed" ]]; then echo "schemathesis: installed ($VENV/bin/st)"; else echo "schemathesis: not installed"; return 1; fi
}

dispatch "$@"
