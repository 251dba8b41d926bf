#!/usr/bin/env bash
# Debian's Chromium at /usr/bin/chromium, driven headless by playwright-core
# in the tests (playwright's own browser downloads cannot be reached here).
# Nothing runs in the background: `start` only makes sure it is installed.
# Usage: scripts/services/chromium.sh install|start|stop|status
set -euo pipefail
SERVICE=chromium
source "$(dirname "$0")/lib.sh"

CHROMIUM_BIN=/usr/bin/chromium

installed() { [[ -x "$CHROMIUM_BIN" ]] && "$CHROMIUM_BIN" --version >/dev/null 2>&1; }

do_install() {
  if installed; then
    log "installed: $("$CHROMIUM_BIN" --version 2>/dev/null)"
    return 0
  fi
  local sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    command -v sudo >/dev/null || die "installing chromium needs root (apt-get install chromium)"
    sudo=(sudo -n)
  fi
  log "installing Debian's chromium with apt-get"
  # The lock timeout lets us wait for another apt-get (another service script,
  # unattended upgrades) instead of failing at once. No recommends: we need
  # the browser, not its extra fonts and sandbox helper (we pass --no-sandbox).
  local apt=(apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
  "${sudo[@]}" "${apt[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "${apt[@]}" install -y -qq \
    --no-install-recommends chromium >/dev/null
  installed || die "chromium installed but '$CHROMIUM_BIN --version' fails"
  log "installed: $("$CHROMIUM_BIN" --version 2>/dev/null)"
}

do_start() { do_install; }

do_stop() { log "nothing to stop: chromium runs only inside the tests"; }

do_status() {
  if installed; then
    echo "chromium: installed, $("$CHROMIUM_BIN" --version 2>/dev/null)"
  else
    echo "chromium: not installed"
    return 1
  fi
}

dispatch "$@"
