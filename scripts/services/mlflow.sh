#!/usr/bin/env bash
# MLflow tracking server on 127.0.0.1:5001 (the seed moved it off 5000, which
# is the API's): pip-installed into a venv in .cache/mlflow-venv, SQLite
# backend store and artifact store in .cache/mlflow/, artifacts uploaded
# and downloaded through the server itself (--serve-artifacts), so clients
# need no S3 or shared disk.
# Usage: scripts/services/mlflow.sh install|start|stop|status
set -euo pipefail
SERVICE=mlflow
source "$(dirname "$0")/lib.sh"

MLFLOW_VERSION="${MLFLOW_VERSION:-3.17.2}"
MLFLOW_HOST=127.0.0.1
MLFLOW_PORT="${MLFLOW_PORT:-5001}"
VENV="$CACHE/mlflow-venv/$MLFLOW_VERSION"
STORE="$CACHE/mlflow"

do_install() { pip_venv_install "$VENV" "mlflow==$MLFLOW_VERSION"; }

answers() { curl -fs -o /dev/null "http://$MLFLOW_HOST:$MLFLOW_PORT/health"; }

do_start() {
  if answers; then
    log "already running on $MLFLOW_HOST:$MLFLOW_PORT"
    return 0
  fi
  do_install
  mkdir -p "$STORE/artifacts"
  # One worker: the tests send a handful of requests, and each worker is a
  # whole Python process with MLflow loaded.
  start_bg mlflow "$VENV/bin/mlflow" server \
    --host "$MLFLOW_HOST" --port "$MLFLOW_PORT" --workers 1 \
    --backend-store-uri "sqlite:///$STORE/mlflow.db" \
    --serve-artifacts --artifacts-destination "$STORE/artifacts"
  # The first start creates the SQLite schema (alembic migrations): slow.
  wait_until mlflow 180 answers || die "MLflow did not start"
  log "running on $MLFLOW_HOST:$MLFLOW_PORT (pid $(running_pid mlflow))"
}

do_stop() { stop_bg mlflow; }

do_status() { report_status "http://$MLFLOW_HOST:$MLFLOW_PORT"; }

dispatch "$@"
