#!/usr/bin/env bash
# Spark Connect server on 127.0.0.1:15002, the Spark engine's backend.
# Spark itself comes from the pyspark package on PyPI (it ships the whole
# distribution: bin/spark-submit and jars/, including spark-connect_2.13), so
# no Python runs at query time; Python is only the installer. hadoop-aws and
# the AWS SDK bundle come from Maven Central and go on the server classpath so
# that s3a:// paths work against an S3 lake.
# Usage: scripts/services/spark.sh install|start|stop|status
set -euo pipefail
SERVICE=spark
source "$(dirname "$0")/lib.sh"

SPARK_VERSION="${SPARK_VERSION:-4.2.1}"
# hadoop-aws must match the hadoop-client-api jar inside pyspark's jars/
# (3.5.0 for pyspark 4.2.1); the SDK version is the one hadoop-project 3.5.0
# pins (aws-java-sdk-v2.version), analyticsaccelerator-s3 and wildfly-openssl
# are hadoop-aws's other compile/runtime dependencies.
HADOOP_VERSION=3.5.0
S3A_ARTIFACTS=(
  "org.apache.hadoop:hadoop-aws:$HADOOP_VERSION"
  "software.amazon.awssdk:bundle:2.35.4"
  "software.amazon.s3.analyticsaccelerator:analyticsaccelerator-s3:1.3.1"
  "org.wildfly.openssl:wildfly-openssl:2.2.5.Final"
)
SPARK_HOST=127.0.0.1
SPARK_PORT="${SPARK_CONNECT_PORT:-15002}"
# Sized for a 2-core / 24 GiB machine shared with other services.
SPARK_DRIVER_MEMORY="${SPARK_DRIVER_MEMORY:-4g}"
SPARK_MASTER="${SPARK_MASTER:-local[2]}"

SPARK_CACHE="$CACHE/spark"
PYSPARK_DIR="$SPARK_CACHE/pyspark-$SPARK_VERSION"
SPARK_HOME="$PYSPARK_DIR/pyspark"
S3A_JARS_DIR="$SPARK_CACHE/s3a-jars-$HADOOP_VERSION"
CONF_DIR="$SPARK_CACHE/conf"
WORK_DIR="$SPARK_CACHE/work"

java_home() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    printf '%s' "$JAVA_HOME"
    return 0
  fi
  local java
  java="$(command -v java)" || die "java (17 or 21) is required"
  java="$(readlink -f "$java")"
  printf '%s' "${java%/bin/java}"
}

install_pyspark() {
  if [[ -x "$SPARK_HOME/bin/spark-submit" && -f "$SPARK_HOME/jars/spark-connect_2.13-$SPARK_VERSION.jar" ]]; then
    return 0
  fi
  command -v python3 >/dev/null || die "python3 (with pip) is required to install pyspark"
  log "installing pyspark $SPARK_VERSION into $PYSPARK_DIR (first time only)"
  local tmp="$PYSPARK_DIR.tmp"
  rm -rf "$tmp"
  # --no-deps: only the JVM distribution inside the package is used (py4j is
  # for the Python driver, which we never run).
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps --target "$tmp" "pyspark==$SPARK_VERSION"
  [[ -f "$tmp/pyspark/jars/spark-connect_2.13-$SPARK_VERSION.jar" ]] ||
    die "pyspark $SPARK_VERSION does not ship spark-connect_2.13-$SPARK_VERSION.jar"
  rm -rf "$PYSPARK_DIR"
  mv "$tmp" "$PYSPARK_DIR"
}

install_s3a_jars() {
  local hadoop_jar="$SPARK_HOME/jars/hadoop-client-api-$HADOOP_VERSION.jar"
  [[ -f "$hadoop_jar" ]] || die "pyspark's Hadoop is not $HADOOP_VERSION: update HADOOP_VERSION and the S3A jars"
  if [[ -f "$S3A_JARS_DIR/.complete" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn is required to download hadoop-aws and the AWS SDK"
  log "downloading hadoop-aws $HADOOP_VERSION and the AWS SDK bundle (first time only)"
  mkdir -p "$S3A_JARS_DIR"
  local artifact mvn_log="$SPARK_CACHE/mvn.log"
  for artifact in "${S3A_ARTIFACTS[@]}"; do
    # Maven's output is noise unless it fails; then it is the explanation.
    mvn --batch-mode -Dstyle.color=never dependency:copy -Dartifact="$artifact" \
      -DoutputDirectory="$S3A_JARS_DIR" -Dmdep.overWriteIfNewer=true >"$mvn_log" 2>&1 ||
      { tail -n 30 "$mvn_log" >&2; die "could not download $artifact from Maven Central"; }
  done
  touch "$S3A_JARS_DIR/.complete"
}

# Spark logs INFO for every task by default; WARN keeps .cache/run/spark.log
# readable (and small) while still showing why a start failed.
write_conf() {
  mkdir -p "$CONF_DIR" "$WORK_DIR" "$SPARK_CACHE/tmp"
  cat >"$CONF_DIR/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
logger.connect.name = org.apache.spark.sql.connect
logger.connect.level = info
EOF
}

do_install() {
  install_pyspark
  install_s3a_jars
  write_conf
  log "installed: Spark $SPARK_VERSION in $SPARK_HOME, S3A jars in $S3A_JARS_DIR"
}

answers() { port_open "$SPARK_HOST" "$SPARK_PORT"; }

do_start() {
  if answers; then
    log "already running on $SPARK_HOST:$SPARK_PORT"
    return 0
  fi
  do_install
  local jars
  jars="$(find "$S3A_JARS_DIR" -name '*.jar' | sort | paste -sd, -)"
  log "starting Spark Connect $SPARK_VERSION on $SPARK_HOST:$SPARK_PORT ($SPARK_MASTER, driver ${SPARK_DRIVER_MEMORY})"
  # Loopback only; no UI; few shuffle partitions (the data is small and there
  # are 2 cores); UTC so dates and timestamps never shift with the host zone;
  # scratch, warehouse and working directory inside .cache/spark.
  (
    cd "$WORK_DIR"
    JAVA_HOME="$(java_home)" SPARK_HOME="$SPARK_HOME" SPARK_CONF_DIR="$CONF_DIR" \
      SPARK_LOCAL_IP="$SPARK_HOST" SPARK_LOCAL_DIRS="$SPARK_CACHE/tmp" \
      start_bg spark "$SPARK_HOME/bin/spark-submit" \
      --class org.apache.spark.sql.connect.service.SparkConnectServer \
      --name electrolake-spark-connect \
      --master "$SPARK_MASTER" \
      --driver-memory "$SPARK_DRIVER_MEMORY" \
      --jars "$jars" \
      --conf spark.connect.grpc.binding.address="$SPARK_HOST" \
      --conf spark.connect.grpc.binding.port="$SPARK_PORT" \
      --conf spark.driver.host="$SPARK_HOST" \
      --conf spark.driver.bindAddress="$SPARK_HOST" \
      --conf spark.ui.enabled=false \
      --conf spark.sql.shuffle.partitions=4 \
      --conf spark.default.parallelism=2 \
      --conf spark.sql.session.timeZone=UTC \
      --conf spark.driver.extraJavaOptions=-Duser.timezone=UTC \
      --conf spark.sql.warehouse.dir="$SPARK_CACHE/warehouse" \
      "spark-internal"
  )
  wait_until spark 120 answers || die "Spark Connect did not start"
  log "running on $SPARK_HOST:$SPARK_PORT (pid $(running_pid spark))"
}

do_stop() { stop_bg spark; }

do_status() {
  if answers; then
    echo "spark: Spark Connect $SPARK_VERSION on sc://$SPARK_HOST:$SPARK_PORT (pid $(running_pid spark || echo '?'))"
  else
    echo "spark: not running"
    return 1
  fi
}

dispatch "$@"
