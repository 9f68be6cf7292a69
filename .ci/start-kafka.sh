#!/usr/bin/env bash
# Start a throw-away single-node Apache Kafka broker (KRaft, combined broker + controller) on loopback for the tests.
#
# Usage: .ci/start-kafka.sh [DIR]       start; DIR is a fresh empty directory (default: a new `mktemp -d`); prints
#                                       `export JIL_TEST_KAFKA=127.0.0.1:<port>` on stdout (for eval), logs on stderr
#        .ci/start-kafka.sh --stop DIR  stop the broker started in DIR (by its PID) and remove DIR
#        .ci/start-kafka.sh --pause DIR stop the broker started in DIR and keep DIR (its data and configuration)
#        .ci/start-kafka.sh --resume DIR start the broker of DIR again (same ports, same data) and wait until ready
#                                       (tests of a broker outage: shells/preclearance/src/events/eventMesh.outage.test.ts)
#
# The broker runs from the Maven Central jars (org.apache.kafka:kafka_2.13 with its dependencies, resolved by mvn
# into a cache folder reused between runs: $JIL_KAFKA_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/jil-kafka) on
# the machine's Java 17 (installed with apt when missing). DIR holds the KRaft metadata and logs, the configuration
# and the server log, and is fresh on every start. Ports: $JIL_CI_KAFKA_PORT (default 19092, the client listener) and
# $JIL_CI_KAFKA_CONTROLLER_PORT (default 19093); when one is taken the script fails instead of talking to a stranger.
set -euo pipefail

KAFKA_VERSION=4.1.1
PORT="${JIL_CI_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${JIL_CI_KAFKA_CONTROLLER_PORT:-19093}"
CACHE="${JIL_KAFKA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jil-kafka}"
LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"

log() { printf '[start-kafka] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Stops the broker of DIR (SIGTERM, a controlled shutdown; SIGKILL after 30 s).
stop_broker() {
  local dir="$1"
  if [ -f "$dir/kafka.pid" ]; then
    pid="$(cat "$dir/kafka.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      # A controlled shutdown takes a few seconds; after 30 s the broker is killed.
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then
        log "broker $pid still running after 30 s; killing it"
        kill -9 "$pid" 2>/dev/null || true
      fi
    fi
  fi
}

# Starts the broker configured in DIR and waits until it accepts clients; prints the export line.
launch_broker() {
  local dir="$1" port="$2" controller_port="$3"
  for p in "$port" "$controller_port"; do
    if port_taken "$p"; then
      log "port 127.0.0.1:$p is already in use; stop that server or set JIL_CI_KAFKA_PORT / JIL_CI_KAFKA_CONTROLLER_PORT"
      exit 1
    fi
  done
  local started_at
  started_at="$(wc -l <"$dir/server.log" 2>/dev/null || echo 0)"
  log "starting Kafka $KAFKA_VERSION on 127.0.0.1:$port (controller $controller_port)"
  nohup java "${java_opts[@]}" kafka.Kafka "$dir/server.properties" >>"$dir/server.log" 2>&1 </dev/null &
  echo $! >"$dir/kafka.pid"
  for _ in $(seq 1 120); do
    if ! kill -0 "$(cat "$dir/kafka.pid")" 2>/dev/null; then
      log "the broker exited; server log:"
      cat "$dir/server.log" >&2 || true
      exit 1
    fi
    # Ready when the broker has registered with the controller and the client listener accepts connections.
    if port_taken "$port" && tail -n "+$((started_at + 1))" "$dir/server.log" 2>/dev/null | grep -q 'Kafka Server started'; then
      log "ready"
      printf 'export JIL_TEST_KAFKA=127.0.0.1:%s\n' "$port"
      return 0
    fi
    sleep 0.5
  done
  log "the broker is not accepting connections after 60 s; server log:"
  cat "$dir/server.log" >&2 || true
  kill -9 "$(cat "$dir/kafka.pid")" 2>/dev/null || true
  exit 1
}

java_opts_for() {
  java_opts=(-Xmx512m -Xms512m "-Dlog4j.configuration=file:$1/log4j.properties" "-Dlog4j2.configurationFile=$1/log4j2.properties" -cp "$LIBS/*")
}

case "${1:-}" in
  --stop)
    dir="${2:?usage: $0 --stop DIR}"
    stop_broker "$dir"
    rm -rf -- "$dir"
    exit 0 ;;
  --pause)
    dir="${2:?usage: $0 --pause DIR}"
    stop_broker "$dir"
    rm -f -- "$dir/kafka.pid"
    exit 0 ;;
  --resume)
    dir="${2:?usage: $0 --resume DIR}"
    [ -f "$dir/server.properties" ] || { log "no broker configured in $dir"; exit 2; }
    java_opts_for "$dir"
    launch_broker "$dir" "$(sed -n 's/^advertised.listeners=PLAINTEXT:\/\/127.0.0.1://p' "$dir/server.properties")" \
      "$(sed -n 's/^controller.quorum.voters=1@127.0.0.1://p' "$dir/server.properties")"
    exit 0 ;;
esac

for p in "$PORT" "$CONTROLLER_PORT"; do
  case "$p" in
    '' | *[!0-9]*) log "JIL_CI_KAFKA_PORT and JIL_CI_KAFKA_CONTROLLER_PORT must be port numbers, got '$p'"; exit 2 ;;
  esac
done

if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  log "installing Java 17 and Maven (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  if ! as_root apt-get install -y -q openjdk-17-jre-headless maven >&2; then
    as_root apt-get update -q >&2
    as_root apt-get install -y -q openjdk-17-jre-headless maven >&2
  fi
fi

# The jars: resolved once into the cache (a marker file says the copy completed).
if [ ! -f "$LIBS/.complete" ]; then
  log "resolving Kafka $KAFKA_VERSION jars from Maven Central into $LIBS"
  work="$CACHE/kafka-$KAFKA_VERSION/resolve"
  rm -rf -- "$work" "$LIBS"
  mkdir -p "$work"
  cat >"$work/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local.jil</groupId><artifactId>kafka-runtime</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$KAFKA_VERSION</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies></project>
EOF
  (cd "$work" && mvn -q -B -Dstyle.color=never dependency:copy-dependencies -DoutputDirectory="$LIBS" >&2)
  touch "$LIBS/.complete"
  rm -rf -- "$work"
fi


if [ -n "${1:-}" ]; then
  dir="$1"
  case "$dir" in /*) ;; *) log "DIR must be an absolute path"; exit 2 ;; esac
  if [ ! -d "$dir" ] || [ -n "$(ls -A "$dir")" ]; then
    log "DIR must be an existing empty directory: $dir"
    exit 2
  fi
else
  dir="$(mktemp -d "${TMPDIR:-/tmp}/jil-ci-kafka.XXXXXX")"
fi
mkdir -p "$dir/data"

cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$dir/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
# Quiet logging: warnings and errors of the broker to the server log, nothing else.
cat >"$dir/log4j.properties" <<EOF
log4j.rootLogger=WARN, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$dir/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
EOF
# log4j 2 (on the class path too, used by some tools): the same quiet file.
cat >"$dir/log4j2.properties" <<EOF
status = error
rootLogger.level = warn
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = $dir/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
EOF

java_opts_for "$dir"
cluster_id="$(java "${java_opts[@]}" kafka.tools.StorageTool random-uuid 2>>"$dir/server.log" | tail -1)"
log "formatting KRaft storage in $dir/data (cluster $cluster_id)"
java "${java_opts[@]}" kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >>"$dir/server.log" 2>&1 || {
  cat "$dir/server.log" >&2
  exit 1
}

launch_broker "$dir" "$PORT" "$CONTROLLER_PORT"
