#!/usr/bin/env bash
# Core benchmark (issue 2). Starts ghl-sync as its own process on the embedded PostgreSQL (durable settings) with
# the built-in GHL simulator answering after 50 ms, then measures:
#   time to ready and RSS; pgbench's single-row INSERT rate on the same PostgreSQL (the baseline of this run);
#   event-committed -> GHL-done latency at 2 events/s; booking creates/s; GHL budget used and 429s while a
#   2,000-event backlog drains.
# Usage: bench/core.sh [latencySeconds=60] [createCount=2000] [concurrency=16] [backlogSeconds=180]
# Traffic goes to 127.0.0.1 only. Prints RESULT lines; BENCHMARKS.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."

LATENCY_S=${1:-60}
CREATES=${2:-2000}
CONCURRENCY=${3:-16}
BACKLOG_S=${4:-180}
PORT=${BENCH_PORT:-18480}
SIM_PORT=${BENCH_SIM_PORT:-18481}
PG_PORT=${BENCH_PG_PORT:-18482}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test

WORK=$(mktemp -d /tmp/ghl-sync-bench.XXXXXX)
echo "work dir: $WORK"
t0=$(date +%s.%N)
EMBEDDED_PG_DATA_DIR="$WORK/pg" EMBEDDED_PG_PORT=$PG_PORT GHL_SIMULATOR_PORT=$SIM_PORT GHL_SIMULATOR_LATENCY_MS=50 \
  PORT=$PORT ROUTES_RELOAD=false java -jar target/ghl-sync.jar >"$WORK/service.log" 2>&1 &
PID=$!
cleanup() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$PORT/observe/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { echo "service died"; tail -50 "$WORK/service.log"; exit 1; }
  sleep 0.05
done
t1=$(date +%s.%N)
pg_rss() { local total=0; for p in $(pgrep -f "postgres.*$WORK/pg" || true); do total=$((total + $(ps -o rss= -p "$p" 2>/dev/null || echo 0))); done; echo $total; }
sleep 3
echo "RESULT ready seconds=$(echo "$t1 - $t0" | bc) jvmRssMiB=$(( $(ps -o rss= -p $PID) / 1024 )) postgresRssMiB=$(( $(pg_rss) / 1024 ))"

if [ -n "$PGBIN" ]; then
  "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres pgbench_baseline
  "$PGBIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d pgbench_baseline \
    -c "create table bench_insert (id bigserial primary key, payload text, created_at timestamptz default now())"
  echo "insert into bench_insert (payload) values ('x');" >"$WORK/insert.sql"
  tps=$("$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONCURRENCY" -j 2 -T 15 \
          -f "$WORK/insert.sql" pgbench_baseline 2>/dev/null | awk '/^tps/ {print $3; exit}')
  echo "RESULT pgbench single-row INSERT clients=$CONCURRENCY tps=$tps"
fi

java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.ghlsync.bench.CoreBenchmark \
  "http://127.0.0.1:$PORT" "http://127.0.0.1:$SIM_PORT" "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" \
  "$LATENCY_S" "$CREATES" "$CONCURRENCY" "$BACKLOG_S"

echo "RESULT after-load jvmRssMiB=$(( $(ps -o rss= -p $PID) / 1024 )) postgresRssMiB=$(( $(pg_rss) / 1024 ))"
