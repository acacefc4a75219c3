#!/usr/bin/env bash
# Start-up and memory benchmark (issue 11). Starts the service RUNS times in each database mode and measures, from
# `java` to the first 200 of /observe/health/ready: wall time, RSS of the JVM 3 s after ready, and where the time
# went (from the log: JVM to Camel's first line, embedded PostgreSQL, Flyway, Camel's own start). The JVM flags are
# the Dockerfile's. In the same run, and interleaved with it, the same is measured for a baseline commit
# (BASELINE_REF, default the first commit of this session's work, 77c5c06), so machine noise hits both alike and the
# ratio means something.
# Usage: bench/startup.sh [runs=5]      (loopback only; needs curl; external mode needs PostgreSQL at 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
BASELINE_REF=${BASELINE_REF:-77c5c06}
PORT=${BENCH_PORT:-18680}
JAVA_FLAGS=${BENCH_JAVA_FLAGS:--XX:MaxRAMPercentage=75}
WORK=$(mktemp -d /tmp/ghlsync-startup.XXXXXX)
PID=
stop() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=; fi; }
trap 'stop; git worktree remove --force "$WORK/baseline-src" 2>/dev/null || true' EXIT

# One folder per build: the jar, routes/ and application.properties, as the README runs it.
prepare() { # <name> <source dir>
  mkdir -p "$WORK/$1"
  cp "$2/target/ghl-sync.jar" "$WORK/$1/"
  cp -r "$2/routes" "$2/application.properties" "$WORK/$1/"
}
mvn -B -q package -DskipTests
prepare current .
git worktree add -q --detach "$WORK/baseline-src" "$BASELINE_REF"
(cd "$WORK/baseline-src" && mvn -B -q package -DskipTests)
prepare baseline "$WORK/baseline-src"

external=no
if command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -U postgres -q; then
  external=yes
fi

ms() { date +%s%3N; }
# log time (HH:MM:SS.mmm at the line's start) of the first line matching a pattern, in ms since midnight
at() { grep -m1 -E "$2" "$1" | awk '{ split($1, t, /[:.]/); print ((t[1] * 60 + t[2]) * 60 + t[3]) * 1000 + t[4] }'; }

measure() { # <build> <mode> <run>
  local dir="$WORK/$1" log="$WORK/$1-$2-$3.log" db=
  local env=(PORT="$PORT" GHL_SIMULATOR_PORT=0 ROUTES_RELOAD=false)
  if [ "$2" = external ]; then
    db="ghlsync_startup_$1_$3"
    psql -qAt -h 127.0.0.1 -U postgres -c "drop database if exists $db" -c "create database $db" >/dev/null 2>&1
    env+=(DATABASE_URL="jdbc:postgresql://127.0.0.1:5432/$db?user=postgres")
  else
    rm -rf "$dir/data"
  fi
  local t0 t1
  t0=$(ms)
  (cd "$dir" && exec env "${env[@]}" java $JAVA_FLAGS -jar ghl-sync.jar >"$log" 2>&1) &
  PID=$!
  until curl -sf "http://127.0.0.1:$PORT/observe/health/ready" >/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "service died"; tail -30 "$log"; exit 1; }
    sleep 0.05
  done
  t1=$(ms)
  sleep 3
  local jvm rss
  jvm=$(pgrep -P "$PID" java || echo "$PID")
  rss=$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/"$jvm"/status)
  stop
  # log timestamps: first line, embedded PostgreSQL up, Flyway done, Camel started
  local first pg fly camel
  first=$(at "$log" '^[0-9]')
  pg=$(at "$log" 'Embedded PostgreSQL started' || true)
  fly=$(at "$log" 'Database schema ready' || true)
  camel=$(at "$log" 'Apache Camel .* started in' || true)
  # milliseconds after `java` was started (the log is in UTC, like date +%s)
  local day=$((t0 % 86400000))
  rel() { if [ -n "$1" ]; then echo $(($1 - day)); else echo -; fi; }
  echo "RESULT build=$1 mode=$2 run=$3 ready_ms=$((t1 - t0)) rss_mib=$rss first_log_ms=$(rel "$first")" \
    "embedded_pg_up_ms=$(rel "$pg") flyway_done_ms=$(rel "$fly") camel_started_ms=$(rel "$camel")" \
    | tee -a "$WORK/results"
  [ -z "$db" ] || psql -qAt -h 127.0.0.1 -U postgres -c "drop database if exists $db" >/dev/null
}

modes=(embedded)
[ "$external" = yes ] && modes+=(external)
for run in $(seq 1 "$RUNS"); do
  for mode in "${modes[@]}"; do
    measure baseline "$mode" "$run"
    measure current "$mode" "$run"
  done
done

# medians per build and mode, and the current/baseline ratios
awk '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    key = v["build"] " " v["mode"]; n[key]++; ready[key, n[key]] = v["ready_ms"]; rss[key, n[key]] = v["rss_mib"] }
  function median(a, k, c,   i, j, t, s) { for (i = 1; i <= c; i++) s[i] = a[k, i]
    for (i = 1; i <= c; i++) for (j = i + 1; j <= c; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
    return c % 2 ? s[(c + 1) / 2] : (s[c / 2] + s[c / 2 + 1]) / 2 }
  END { for (k in n) { r[k] = median(ready, k, n[k]); m[k] = median(rss, k, n[k])
          printf "MEDIAN %s ready_ms=%d rss_mib=%d runs=%d\n", k, r[k], m[k], n[k] }
        for (k in n) if (k ~ /^current/) { b = k; sub(/^current/, "baseline", b)
          if (b in r) printf "RATIO %s ready=%.2f rss=%.2f (current/baseline)\n", substr(k, 9), r[k] / r[b], m[k] / m[b] } }
' "$WORK/results" | sort
echo "logs: $WORK"
