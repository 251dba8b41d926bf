#!/usr/bin/env bash
# A second MongoDB-wire server for the compatibility tests: FerretDB v1 on
# 127.0.0.1:27018, storing its documents in a private PostgreSQL cluster
# (Debian's PostgreSQL) on 127.0.0.1:5433 with its data in .cache/ferretdb-pg.
# FerretDB is built with the Go module proxy from our own small main
# (scripts/services/ferretdb/main.go, pinned by its go.mod/go.sum) that calls
# FerretDB's embeddable package: `go install` of its own command panics on a
# version file that only its release build generates.
# The cluster is for tests: fsync is off, and a restart keeps the data.
# Usage: scripts/services/ferretdb.sh install|start|stop|status
set -euo pipefail
SERVICE=ferretdb
source "$(dirname "$0")/lib.sh"

SRC_DIR="$ROOT/scripts/services/ferretdb"
FERRETDB_HOST=127.0.0.1
FERRETDB_PORT="${FERRETDB_PORT:-27018}"
PG_PORT="${FERRETDB_PG_PORT:-5433}"
PG_DATA="$CACHE/ferretdb-pg"
PG_LOG="$RUN_DIR/ferretdb-pg.log"
PG_USER=ferretdb
# The binary is rebuilt when the main or the pinned modules change.
STAMP="$(cat "$SRC_DIR/main.go" "$SRC_DIR/go.mod" "$SRC_DIR/go.sum" | sha256sum | cut -c1-16)"
FERRETDB_BIN="$BIN_DIR/ferretdb-$STAMP"

# PostgreSQL refuses to run as root: as root, the cluster belongs to the
# `postgres` user that Debian's package creates.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n "$dir" ]] && printf '%s' "$dir"
}

install_postgresql() {
  pg_bin >/dev/null && return 0
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is missing: sudo apt-get install postgresql"
  log "installing PostgreSQL from Debian (apt-get install postgresql)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null ||
    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } ||
    die "apt-get install postgresql failed"
  pg_bin >/dev/null || die "PostgreSQL installed but no /usr/lib/postgresql/*/bin"
}

# From our main's directory; -mod=readonly: go.sum pins every module.
compile_ferretdb() {
  cd "$SRC_DIR" &&
    GOFLAGS="-modcacherw -buildvcs=false -trimpath -mod=readonly" go build -ldflags "-s -w" -o "$FERRETDB_BIN.tmp" .
}

build_ferretdb() { go_build_once FerretDB "$FERRETDB_BIN" "$CACHE/ferretdb-go" compile_ferretdb; }

do_install() {
  install_postgresql
  build_ferretdb
}

pg_running() { as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

start_postgresql() {
  local bin
  bin="$(pg_bin)"
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "creating the PostgreSQL cluster in $PG_DATA"
    rm -rf "$PG_DATA" && mkdir -p "$PG_DATA"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$PG_DATA"
    as_pg "$bin/initdb" -D "$PG_DATA" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_running; then
    : >"$PG_LOG"
    [[ "$(id -u)" == 0 ]] && chown postgres: "$PG_LOG"
    # Loopback only; the socket stays in the data directory, not /run. The
    # server must not inherit with_lock's lock, or the next start would wait.
    as_pg "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start -o \
      "-c listen_addresses=$FERRETDB_HOST -p $PG_PORT -k $PG_DATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      {LOCK_FD}>&- >/dev/null || { tail -n 30 "$PG_LOG" >&2; die "PostgreSQL did not start"; }
  fi
  if ! "$bin/psql" -h "$FERRETDB_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'" | grep -q 1; then
    "$bin/createdb" -h "$FERRETDB_HOST" -p "$PG_PORT" -U "$PG_USER" ferretdb
  fi
}

answers() { mongo_answers "$FERRETDB_HOST" "$FERRETDB_PORT"; }

do_start() {
  mongo_already_running "$FERRETDB_HOST" "$FERRETDB_PORT" && return 0
  do_install
  start_postgresql
  start_bg ferretdb "$FERRETDB_BIN" -listen "$FERRETDB_HOST:$FERRETDB_PORT" \
    -postgresql-url "postgres://$PG_USER@$FERRETDB_HOST:$PG_PORT/ferretdb"
  wait_until ferretdb 60 answers || die "FerretDB did not start"
  log "running on $FERRETDB_HOST:$FERRETDB_PORT over PostgreSQL on $FERRETDB_HOST:$PG_PORT (pid $(running_pid ferretdb))"
}

do_stop() {
  stop_bg ferretdb
  if pg_bin >/dev/null && [[ -f "$PG_DATA/PG_VERSION" ]] && pg_running; then
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    log "PostgreSQL stopped"
  fi
}

do_status() { report_status "mongodb://$FERRETDB_HOST:$FERRETDB_PORT"; }

dispatch "$@"
