# Shared helpers for scripts/services/*.sh (sourced, not run).
# Every service follows the same life cycle: install into .cache/, start in
# the background with its pid and log in .cache/run/, wait until it really
# answers, and stop by its process group.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
RUN_DIR="$CACHE/run"
BIN_DIR="$CACHE/bin"
mkdir -p "$RUN_DIR" "$BIN_DIR"

log() { printf '[%s] %s\n' "${SERVICE:-services}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$RUN_DIR" "$1"; }

# The pid recorded by start_bg, if that process is still alive.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  printf '%s' "$pid"
}

# True when something accepts TCP connections on host:port.
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# start_bg NAME CMD...: run CMD detached from this shell (setsid: its own
# session and process group, so stop can end it with every child; nohup:
# it survives the end of the CI step that started it).
start_bg() {
  local name="$1"
  shift
  local log
  log="$(log_file "$name")"
  : >"$log"
  # The child must not inherit the lock of with_lock, or the next `start`
  # would wait for the server to exit.
  if [[ -n "${LOCK_FD:-}" ]]; then
    setsid nohup "$@" {LOCK_FD}>&- >>"$log" 2>&1 </dev/null &
  else
    setsid nohup "$@" >>"$log" 2>&1 </dev/null &
  fi
  echo $! >"$(pid_file "$name")"
}

# wait_until NAME SECONDS CMD...: poll CMD until it succeeds; fail early if
# the process we started has died, and show the end of its log either way.
wait_until() {
  local name="$1" timeout="$2"
  shift 2
  local deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if ! running_pid "$name" >/dev/null; then
      log "process exited before answering; last lines of $(log_file "$name"):"
      tail -n 30 "$(log_file "$name")" >&2 || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "no answer after ${timeout}s; last lines of $(log_file "$name"):"
      tail -n 30 "$(log_file "$name")" >&2 || true
      return 1
    fi
    sleep 0.5
  done
}

# stop_bg NAME: TERM the whole process group, then KILL what is left.
stop_bg() {
  local name="$1" pid
  if ! pid="$(running_pid "$name")"; then
    rm -f "$(pid_file "$name")"
    log "not running"
    return 0
  fi
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$(pid_file "$name")"
  log "stopped (pid $pid)"
}

# Runs a command while holding an exclusive lock, so that two concurrent
# `start` calls (up.sh from two shells) do not both install or both start.
with_lock() {
  local name="$1"
  shift
  exec {LOCK_FD}>"$RUN_DIR/$name.lock"
  flock "$LOCK_FD"
  "$@"
}

# `status` for a script that defines answers(): one line; non-zero when down.
report_status() {
  local address="$1"
  if answers; then
    echo "$SERVICE: running on $address (pid $(running_pid "$SERVICE" || echo '?'))"
  else
    echo "$SERVICE: not running"
    return 1
  fi
}

# go_build_once WHAT BIN GOCACHE_DIR BUILD...: a pinned Go binary, built once.
# BUILD (a command or function) must leave the binary at "$BIN.tmp"; it runs
# with the module and build caches under GOCACHE_DIR in .cache (never ~/go, so
# an interrupted build resumes), no cgo and the local toolchain. The binary
# is moved into place last (a killed build is redone), then the caches (one
# or two GB) are deleted: a version bump downloads again.
go_build_once() {
  local what="$1" bin="$2" gocache="$3"
  shift 3
  if [[ -x "$bin" ]]; then
    log "installed: $bin"
    return 0
  fi
  command -v go >/dev/null || die "go is required to build $what"
  log "building $what with go (first time only, several minutes)"
  (
    export GOMODCACHE="$gocache/mod" GOCACHE="$gocache/build" CGO_ENABLED=0 GOTOOLCHAIN=local
    "$@"
  ) || die "building $what failed"
  mv "$bin.tmp" "$bin"
  rm -rf "$gocache"
  log "installed: $bin"
}

# Standard command dispatch: every service script defines do_install,
# do_start, do_stop and do_status, then calls `dispatch "$@"`.
# A Python package pinned in its own venv (install once; the stamp is
# written last, so a half-done install, e.g. a killed pip, is redone).
# Usage: pip_venv_install VENV PACKAGE==VERSION
pip_venv_install() {
  local venv="$1" requirement="$2"
  if [[ -f "$venv/.installed" ]]; then
    log "installed: $requirement in $venv"
    return 0
  fi
  command -v python3 >/dev/null || die "python3 is required"
  log "installing $requirement from PyPI into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$requirement"
  touch "$venv/.installed"
  log "installed: $requirement in $venv"
}

dispatch() {
  local cmd="${1:-}"
  case "$cmd" in
    install) with_lock "$SERVICE" do_install ;;
    start) with_lock "$SERVICE" do_start ;;
    stop) with_lock "$SERVICE" do_stop ;;
    status) do_status ;;
    *)
      echo "usage: $0 install|start|stop|status" >&2
      exit 2
      ;;
  esac
}

# For a MongoDB-wire server (mongo.sh, ferretdb.sh): a real answer to `ping`
# through the official driver at HOST PORT, not just an open port (servers
# bind it before they are ready to serve).
mongo_answers() {
  port_open "$1" "$2" &&
    node "$ROOT/scripts/services/mongo/ping.mjs" "mongodb://$1:$2/?directConnection=true" 2>/dev/null
}

# mongo_already_running HOST PORT: true when a Mongo-wire server answers
# there; dies when the driver is missing or the port is taken by something else.
mongo_already_running() {
  [[ -d "$ROOT/node_modules/mongodb" ]] ||
    die "the readiness check uses the mongodb driver: run npm ci (or npm install) first"
  if mongo_answers "$1" "$2"; then
    log "already running on $1:$2"
    return 0
  fi
  port_open "$1" "$2" && die "port $2 is taken by something that does not answer MongoDB ping"
  return 1
}
