#!/usr/bin/env bash
# Stops the services that up.sh started (reverse order). Data kept on disk
# (.cache/minio-data, .cache/mlflow) stays; Mongo's in-memory data is lost.
#   scripts/services/down.sh              # all
#   scripts/services/down.sh mongo        # only these
set -euo pipefail
DIR="$(cd "$(dirname "$0")" && pwd)"

services=("$@")
((${#services[@]})) || services=(spark chromium mlflow minio mongo)
rc=0
for svc in "${services[@]}"; do
  [[ -f "$DIR/$svc.sh" ]] || continue
  bash "$DIR/$svc.sh" stop || rc=1
done
exit $rc
