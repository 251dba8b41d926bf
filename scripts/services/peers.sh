#!/usr/bin/env bash
# The benchmark's peers: pandas and Polars implementations of the gold tables
# (bench/peers/), pip-installed with pinned versions (bench/peers/requirements.txt)
# into a venv in .cache/peers-venv/. `electrolake bench --engines …,pandas,polars`
# and test/integration/peers-parity.test.ts run them with that venv's python.
# Nothing runs in the background: `start` only makes sure it is installed.
# Usage: scripts/services/peers.sh install|start|stop|status
set -euo pipefail
SERVICE=peers
source "$(dirname "$0")/lib.sh"

REQUIREMENTS="$ROOT/bench/peers/requirements.txt"
# One venv per set of pins: changing a version installs a new one beside the old.
PINS="$(grep -v '^#' "$REQUIREMENTS" | sort | sha1sum | cut -c1-12)"
VENV="$CACHE/peers-venv/$PINS"

installed() { [[ -f "$VENV/.installed" ]] && "$VENV/bin/python" -c 'import pandas, polars, pyarrow' 2>/dev/null; }

do_install() {
  # The stamp is written last: a half-done install (killed pip) is redone.
  if installed; then
    log "installed: $(versions) in $VENV"
    return 0
  fi
  command -v python3 >/dev/null || die "python3 is required"
  log "installing $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' ')from PyPI into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
  touch "$VENV/.installed"
  # The stable path the bench and the tests use.
  ln -sfn "$PINS" "$CACHE/peers-venv/current"
  log "installed: $(versions) in $VENV"
}

versions() {
  "$VENV/bin/python" -c 'import pandas, polars, pyarrow; print(f"pandas {pandas.__version__}, polars {polars.__version__}, pyarrow {pyarrow.__version__}")'
}

do_start() {
  do_install
  ln -sfn "$PINS" "$CACHE/peers-venv/current"
}

do_stop() { log "nothing to stop: the peers run only inside bench and the tests"; }

do_status() {
  if installed; then
    echo "peers: installed, $(versions)"
  else
    echo "peers: not installed"
    return 1
  fi
}

dispatch "$@"
