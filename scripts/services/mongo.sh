#!/usr/bin/env bash
# A MongoDB-wire server on 127.0.0.1:27017: mongo-java-server (in-memory
# backend) from Maven Central, run by our own tiny main class
# (scripts/services/mongo/ElectrolakeMongo.java) compiled with javac.
# Data is in memory only: a restart starts empty.
# Usage: scripts/services/mongo.sh install|start|stop|status
set -euo pipefail
SERVICE=mongo
source "$(dirname "$0")/lib.sh"

SRC_DIR="$ROOT/scripts/services/mongo"
HOME_DIR="$CACHE/mongo"
MONGO_HOST=127.0.0.1
MONGO_PORT="${MONGO_PORT:-27017}"
# Heap for the in-memory store: 1M small documents need about 1.5 GB.
MONGO_JAVA_OPTS="${MONGO_JAVA_OPTS:--Xms256m -Xmx4g}"
# One log line per connection is noise (and every readiness probe is one).
LOG_OPTS="-Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.showDateTime=true"
# The build is redone when the pom or the main class changes.
STAMP="$(cat "$SRC_DIR/pom.xml" "$SRC_DIR/ElectrolakeMongo.java" | sha256sum | cut -c1-16)"
BUILD_DIR="$HOME_DIR/$STAMP"

do_install() {
  if [[ -f "$BUILD_DIR/classes/ElectrolakeMongo.class" ]]; then
    log "installed: $BUILD_DIR"
    return 0
  fi
  for tool in java javac mvn; do
    command -v "$tool" >/dev/null || die "$tool is required (OpenJDK 17+ and Maven)"
  done
  log "fetching mongo-java-server jars from Maven Central and compiling our main"
  rm -rf "$BUILD_DIR.tmp"
  # A private local repository in .cache/ keeps the download for next time
  # and leaves ~/.m2 alone.
  # Maven prints its errors on stdout: keep them for a failure, else quiet.
  mkdir -p "$BUILD_DIR.tmp"
  mvn -B -q -Dmaven.repo.local="$CACHE/m2" -f "$SRC_DIR/pom.xml" \
    dependency:copy-dependencies -DoutputDirectory="$BUILD_DIR.tmp/lib" -DincludeScope=runtime \
    >"$BUILD_DIR.tmp/mvn.log" 2>&1 || { cat "$BUILD_DIR.tmp/mvn.log" >&2; die "Maven could not fetch the jars"; }
  javac -nowarn -d "$BUILD_DIR.tmp/classes" -cp "$BUILD_DIR.tmp/lib/*" "$SRC_DIR/ElectrolakeMongo.java"
  mv "$BUILD_DIR.tmp" "$BUILD_DIR"
  log "installed: $BUILD_DIR"
}

# Netty binds the port before the backend is ready to serve: ask for a ping.
answers() { mongo_answers "$MONGO_HOST" "$MONGO_PORT"; }

do_start() {
  mongo_already_running "$MONGO_HOST" "$MONGO_PORT" && return 0
  do_install
  # shellcheck disable=SC2086 # both are lists of JVM flags
  start_bg mongo java $MONGO_JAVA_OPTS $LOG_OPTS -cp "$BUILD_DIR/classes:$BUILD_DIR/lib/*" \
    ElectrolakeMongo "$MONGO_HOST" "$MONGO_PORT"
  wait_until mongo 60 answers || die "mongo-java-server did not start"
  log "running on $MONGO_HOST:$MONGO_PORT (pid $(running_pid mongo))"
}

do_stop() { stop_bg mongo; }

do_status() { report_status "mongodb://$MONGO_HOST:$MONGO_PORT"; }

dispatch "$@"
