#!/usr/bin/env bash
# Soak (issue 5, proof 6). Starts ghl-sync as its own process (embedded PostgreSQL with durable settings, the
# built-in GHL simulator with GHL's real budget of 100 requests / 10 s, heap capped at 256 MiB so a leak shows),
# drives a steady mix of booking creates, status changes, reschedules, reads and signed webhooks for the given
# time (io.ghlsync.bench.SoakDriver), and samples the service's RSS and live heap (after a full GC) every minute.
# Usage: bench/soak.sh [seconds=600] [creates/s=0.6] [status/s=0.4] [patches/s=0.2] [reads/s=5] [webhooks/s=20]
# The default rates keep GHL calls (about 5 per booking event) under GHL's 10 per second. Prints RESULT/SAMPLE
# lines; BENCHMARKS.md ("Proof") records them. Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_TOTAL=${1:-600}
RATES=("${2:-0.6}" "${3:-0.4}" "${4:-0.2}" "${5:-5}" "${6:-20}")
PORT=${SOAK_PORT:-18580}
SIM_PORT=${SOAK_SIM_PORT:-18581}
PG_PORT=${SOAK_PG_PORT:-18582}
BUILD=${SOAK_BUILD_DIR:-target}

mvn -B -q package -DskipTests -Dbuild.dir="$BUILD"
mvn -B -q test-compile dependency:build-classpath -Dbuild.dir="$BUILD" \
  -Dmdep.outputFile="$BUILD/soak-classpath.txt" -Dmdep.includeScope=test
CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/soak-classpath.txt")"

WORK=$(mktemp -d /tmp/ghl-sync-soak.XXXXXX)
echo "work dir: $WORK"
java -cp "$CP" io.ghlsync.bench.SoakDriver keygen "$WORK"
GHL_WEBHOOK_ED25519_PUBLIC_KEY=$(cat "$WORK/ed25519.pub") \
EMBEDDED_PG_DATA_DIR="$WORK/pg" EMBEDDED_PG_PORT=$PG_PORT GHL_SIMULATOR_PORT=$SIM_PORT GHL_SIMULATOR_LATENCY_MS=50 \
  PORT=$PORT ROUTES_RELOAD=false java -Xmx256m -jar "$BUILD/ghl-sync.jar" >"$WORK/service.log" 2>&1 &
PID=$!
SAMPLER=
cleanup() {
  [ -n "$SAMPLER" ] && kill "$SAMPLER" 2>/dev/null || true
  kill "$PID" 2>/dev/null || true
  wait "$PID" 2>/dev/null || true
}
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$PORT/observe/health/ready" >/dev/null; do
  kill -0 "$PID" 2>/dev/null || { echo "service died"; tail -50 "$WORK/service.log"; exit 1; }
  sleep 0.2
done

# RSS and the live heap after a full GC (jstat: survivor + eden + old used, KiB), once a minute.
sample() {
  jcmd "$PID" GC.run >/dev/null 2>&1 || true
  local heap
  heap=$(jstat -gc "$PID" | awk 'NR==2 {printf "%.1f", ($3+$4+$6+$8)/1024}')
  echo "SAMPLE t=$(( $(date +%s) - START ))s rssMiB=$(( $(ps -o rss= -p "$PID") / 1024 )) liveHeapMiB=$heap"
}
START=$(date +%s)
( while kill -0 "$PID" 2>/dev/null; do sample; sleep 60; done ) >"$WORK/samples.txt" &
SAMPLER=$!

java -cp "$CP" io.ghlsync.bench.SoakDriver "http://127.0.0.1:$PORT" \
  "jdbc:postgresql://127.0.0.1:$PG_PORT/postgres?user=postgres" "$SECONDS_TOTAL" "$WORK/ed25519.key" "${RATES[@]}"
kill "$SAMPLER" 2>/dev/null || true
sample >>"$WORK/samples.txt"
cat "$WORK/samples.txt"

echo "RESULT soak errors/warnings in the service log: $(grep -c ' ERROR \| WARN ' "$WORK/service.log" || true)"
grep ' ERROR \| WARN ' "$WORK/service.log" | cut -c1-200 | sort | uniq -c | sort -rn | head -10 || true
# Growth: the sample after two minutes of warm-up against the last one.
awk '/^SAMPLE/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } n++;
       if (n == 3) { r0 = v["rssMiB"]; h0 = v["liveHeapMiB"] } r1 = v["rssMiB"]; h1 = v["liveHeapMiB"] }
     END { printf "RESULT soak growth after warm-up: rssMiB %s -> %s, liveHeapMiB %s -> %s\n", r0, r1, h0, h1 }' \
  "$WORK/samples.txt"
