#!/usr/bin/env bash
# MinIO, a real S3 server, on 127.0.0.1:9000 with its data in .cache/minio-data.
# Built from source with the Go module proxy (MinIO ships no binary through a
# registry we can reach). Creates the seed's buckets: sources bronze silver gold.
# Usage: scripts/services/minio.sh install|start|stop|status
set -euo pipefail
SERVICE=minio
source "$(dirname "$0")/lib.sh"

# MinIO tags releases as RELEASE.<date>, which Go cannot read, so the proxy
# serves pseudo-versions of master; this is its last commit (2026-02-12).
MINIO_VERSION="${MINIO_VERSION:-v0.0.0-20260212201848-7aac2a2c5b7c}"
MINIO_HOST=127.0.0.1
MINIO_PORT="${MINIO_PORT:-9000}"
MINIO_BIN="$BIN_DIR/minio-$MINIO_VERSION"
DATA_DIR="$CACHE/minio-data"
BUCKETS=(sources bronze silver gold)
export MINIO_ROOT_USER="${MINIO_ROOT_USER:-minioadmin}"
export MINIO_ROOT_PASSWORD="${MINIO_ROOT_PASSWORD:-minioadmin}"

# -modcacherw lets the caches be deleted; -s -w drops debug info (a smaller
# binary and a faster link).
compile_minio() {
  GOBIN="$CACHE/go/bin" GOFLAGS="-modcacherw -buildvcs=false -trimpath" \
    go install -ldflags "-s -w" "github.com/minio/minio@$MINIO_VERSION" &&
    mv "$CACHE/go/bin/minio" "$MINIO_BIN.tmp"
}

do_install() { go_build_once "MinIO $MINIO_VERSION" "$MINIO_BIN" "$CACHE/go" compile_minio; }

answers() { curl -fs -o /dev/null "http://$MINIO_HOST:$MINIO_PORT/minio/health/live"; }

# PUT /<bucket> signed with SigV4 (curl does it natively): 200 when created,
# 409 when it already exists; both are fine.
ensure_bucket() {
  local code
  code="$(curl -sS -o /dev/null -w '%{http_code}' -X PUT \
    --aws-sigv4 "aws:amz:us-east-1:s3" --user "$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD" \
    "http://$MINIO_HOST:$MINIO_PORT/$1")"
  [[ "$code" == 200 || "$code" == 409 ]] || die "could not create bucket $1 (HTTP $code)"
}

do_start() {
  if answers; then
    log "already running on $MINIO_HOST:$MINIO_PORT"
  else
    do_install
    mkdir -p "$DATA_DIR"
    # No web console (nothing uses it and it would take another port), no
    # update checks: there is no internet here.
    MINIO_BROWSER=off MINIO_UPDATE=off \
      start_bg minio "$MINIO_BIN" server --quiet --address "$MINIO_HOST:$MINIO_PORT" "$DATA_DIR"
    wait_until minio 120 answers || die "MinIO did not start"
    log "running on $MINIO_HOST:$MINIO_PORT (pid $(running_pid minio))"
  fi
  for bucket in "${BUCKETS[@]}"; do ensure_bucket "$bucket"; done
}

do_stop() { stop_bg minio; }

do_status() { report_status "http://$MINIO_HOST:$MINIO_PORT"; }

dispatch "$@"
