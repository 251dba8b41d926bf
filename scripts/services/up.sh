#!/usr/bin/env bash
# Starts every service the tests need (installing each into .cache/ on first
# use), in two lanes side by side, and prints one line per service with its
# address and the seconds it took. Exits non-zero if any service failed, after
# trying all of them so one run shows every problem.
#
#   scripts/services/up.sh                # mongo ferretdb minio mlflow chromium spark peers schemathesis
#   scripts/services/up.sh mongo minio    # only these
#
# A service whose env var points away from our loopback default (MONGO_URI,
# FERRETDB_URI, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, MLFLOW_TRACKING_URI, SPARK_REMOTE)
# is external: it is not started here, and the tests use it instead.
set -euo pipefail
DIR="$(cd "$(dirname "$0")" && pwd)"
source "$DIR/lib.sh"
SERVICE=up

ALL=(mongo ferretdb minio mlflow chromium spark peers schemathesis)
services=("$@")
((${#services[@]})) || services=("${ALL[@]}")

address() {
  case "$1" in
    mongo) echo "${MONGO_URI:-mongodb://127.0.0.1:27017}" ;;
    ferretdb) echo "${FERRETDB_URI:-mongodb://127.0.0.1:27018}" ;;
    minio) echo "${AWS_ENDPOINT_URL_S3:-${AWS_ENDPOINT_URL:-http://127.0.0.1:9000}}" ;;
    mlflow) echo "${MLFLOW_TRACKING_URI:-http://127.0.0.1:5001}" ;;
    chromium) echo "/usr/bin/chromium" ;;
    spark) echo "${SPARK_REMOTE:-sc://127.0.0.1:15002}" ;;
    peers) echo ".cache/peers-venv (pandas, polars)" ;;
    schemathesis) echo ".cache/schemathesis-venv (no server)" ;;
    *) echo "?" ;;
  esac
}

# True when the address is one of ours: loopback on the service's own port.
is_local() {
  local port
  case "$1" in
    mongo) port=27017 ;;
    ferretdb) port=27018 ;;
    minio) port=9000 ;;
    mlflow) port=5001 ;;
    spark) port=15002 ;;
    *) return 0 ;;
  esac
  # A MongoDB URI may leave out its default port, 27017.
  local optional=""
  [[ "$1" == mongo ]] && optional="?"
  [[ "$(address "$1")" =~ ://(127\.0\.0\.1|localhost)(:$port)$optional(/|\?|$) ]]
}

# Starts one service and records "status seconds" in $RUN_DIR/<svc>.up.
start_one() {
  local svc="$1" script="$DIR/$1.sh" started status tenths
  started=${EPOCHREALTIME/./} # microseconds
  if bash "$script" start >"$RUN_DIR/$svc.start.log" 2>&1; then
    status=ok
  else
    status=FAILED
  fi
  tenths=$(((${EPOCHREALTIME/./} - started) / 100000))
  printf '%s %s.%s\n' "$status" "$((tenths / 10))" "$((tenths % 10))" >"$RUN_DIR/$svc.up"
}

# On a fresh machine most of the time goes to installing. Two lanes run side
# by side so downloads overlap with compiling: the Go builds (CPU-bound) and
# the apt-get users share the first lane (apt-get holds one dpkg lock), the
# pip and Maven downloads go in the second. Within a lane, one at a time.
LANES=("ferretdb minio chromium" "mongo spark mlflow peers schemathesis")

wanted() {
  local svc
  for svc in "${services[@]}"; do [[ "$svc" == "$1" ]] && return 0; done
  return 1
}

run_lane() {
  local svc
  for svc in $1; do
    wanted "$svc" && is_local "$svc" && [[ -f "$DIR/$svc.sh" ]] && start_one "$svc"
  done
  return 0
}

for svc in "${services[@]}"; do rm -f "$RUN_DIR/$svc.up"; done
lane_pids=()
for lane in "${LANES[@]}"; do
  run_lane "$lane" &
  lane_pids+=($!)
done
# A service named on the command line but in no lane runs after them.
others=()
for svc in "${services[@]}"; do
  [[ " ${LANES[*]} " == *" $svc "* ]] || others+=("$svc")
done
wait "${lane_pids[@]}"
((${#others[@]})) && run_lane "${others[*]}"

failed=()
for svc in "${services[@]}"; do
  if [[ ! -f "$DIR/$svc.sh" ]]; then
    printf '%-9s %-34s FAILED: %s is missing\n' "$svc" "-" "scripts/services/$svc.sh"
    failed+=("$svc")
    continue
  fi
  if ! is_local "$svc"; then
    printf '%-9s %-34s external, not started\n' "$svc" "$(address "$svc")"
    continue
  fi
  read -r status seconds <"$RUN_DIR/$svc.up" || { status=FAILED; seconds=?; }
  printf '%-9s %-34s %-6s %6ss\n' "$svc" "$(address "$svc")" "$status" "$seconds"
  if [[ "$status" == FAILED ]]; then
    failed+=("$svc")
    # Show why right here: CI logs are all we get.
    sed 's/^/    /' "$RUN_DIR/$svc.start.log" | tail -n 40
  fi
done

if ((${#failed[@]})); then
  echo "services failed to start: ${failed[*]} (logs in .cache/run/)" >&2
  exit 1
fi
