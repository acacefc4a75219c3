#!/usr/bin/env bash
# Webhook intake benchmark (issue 3). Starts ghl-sync as its own process on the embedded PostgreSQL with durable
# settings (fsync and synchronous_commit on), then measures, in one run on the same PostgreSQL server:
#   1. signed: Ed25519-signed GHL ContactCreate webhooks accepted (200 after commit) per second, p50/p99, at
#      CONNECTIONS concurrent connections (wrk, fixed duration, each body sent once);
#   2. pgbench: single-row INSERT into a scratch table of a separate database, same concurrency (-j 2 -T 15);
#   3. storage: the same load with signature checks off (GHL_SKIP_SIGNATURE_VALIDATION=true, development profile),
#      i.e. the intake's storage path alone.
# After each wrk phase every webhookId answered "200, stored" is looked up in webhook_inbox: none may be missing.
# The inbox handler is paused during the run (webhook.inbox.poll-ms) so that only the intake is measured.
# Usage: bench/webhooks.sh [seconds=20] [connections=50]
# BENCH_PHASES=signed (or any of signed,pgbench,storage,handling) runs only those phases, e.g. for a profile with
# BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile".
# Loopback only. Prints RESULT lines; BENCHMARKS.md ("Webhook intake") records them.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-20}
CONNECTIONS=${2:-50}
# Warm-up per phase: on a busy 2-core machine the JIT needs this long before the figures settle.
WARM=${BENCH_WARM_SECONDS:-60}
PORT=${BENCH_PORT:-18580}
PG_PORT=${BENCH_PG_PORT:-18582}
# Bodies per phase: more than the service can take in the time, so none is sent twice.
PER_SECOND_CAP=${BENCH_MAX_RATE:-12000}
# Warm-up bodies may repeat (a repeat is a duplicate, still a full request); they only need to heat the JIT.
WARM_PER_SECOND=4000
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PGBIN" ] || { echo "pgbench/psql not found under /usr/lib/postgresql"; exit 1; }
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

mvn -B -q package -DskipTests
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"

WORK=$(mktemp -d /tmp/ghl-sync-whbench.XXXXXX)
echo "work dir: $WORK"
java -cp "$CP" io.ghlsync.bench.WebhookBodies "$WORK" \
  "warm-signed:bench-warm-signed-:$((WARM * WARM_PER_SECOND))" \
  "signed:bench-signed-:$((DURATION * PER_SECOND_CAP))" \
  "warm-storage:bench-warm-storage-:$((WARM * WARM_PER_SECOND))" \
  "storage:bench-storage-:$((DURATION * PER_SECOND_CAP))" \
  "handling:bench-handling-:$((DURATION * 1000))"
PUBLIC_KEY=$(cat "$WORK/public.key")
# The service runs from a copy, so a rebuild during the run cannot change the jar under it.
cp target/ghl-sync.jar "$WORK/ghl-sync.jar"

PID=
stop_service() {
  if [ -n "$PID" ]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=
  fi
}
trap stop_service EXIT

# start_service <log name> [extra env assignments...]
start_service() {
  local log="$WORK/$1.log"
  shift
  # The webhooks (WebhookBodies) are for the location of GHL's sample: served, or handling would ignore them.
  env EMBEDDED_PG_DATA_DIR="${PG_DIR:-$WORK/pg}" EMBEDDED_PG_PORT="$PG_PORT" GHL_SIMULATOR_PORT=0 PORT="$PORT" \
    GHL_LOCATION_IDS=ve9EPM428h8vShlRW1KT \
    ROUTES_RELOAD=false APP_PROFILE=development GHL_WEBHOOK_ED25519_PUBLIC_KEY="$PUBLIC_KEY" "$@" \
    java ${BENCH_JAVA_OPTS:-} -Dwebhook.inbox.poll-ms=${POLL_MS:-3600000} -jar "$WORK/ghl-sync.jar" >"$log" 2>&1 &
  PID=$!
  local deadline=$((SECONDS + 180))
  until curl -sf "http://127.0.0.1:$PORT/observe/health/ready" >/dev/null; do
    kill -0 "$PID" 2>/dev/null || { echo "service died"; tail -50 "$log"; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "service not ready in 180 s"; tail -50 "$log"; exit 1; }
    sleep 0.2
  done
}

psql_q() { "$PGBIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"; }

# CPU ticks (1/100 s) so far: per Java thread family of the service, and PostgreSQL (postmaster, its children and
# children that already exited). CPU time per webhook does not depend on how busy the shared machine is.
cpu_snapshot() {
  local pm
  pm=$(head -1 "${PG_DIR:-$WORK/pg}/postmaster.pid")
  awk '
    FILENAME ~ /comm$/ { split(FILENAME, p, "/"); n = $0; gsub(/[-#]?[0-9]+$/, "", n); name[p[5]] = n; next }
    { split(FILENAME, p, "/"); line = $0; sub(/.*\) /, "", line); split(line, f, " "); ticks[p[5]] = f[12] + f[13] }
    END { for (t in ticks) sum["service:" name[t]] += ticks[t]; for (k in sum) print k "\t" sum[k] }
  ' /proc/"$PID"/task/*/comm /proc/"$PID"/task/*/stat 2>/dev/null || true
  # A process may exit while its file is read: that must not end the run (set -e, pipefail).
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pm" '
    { pid = $1; line = $0; sub(/.*\) /, "", line); split(line, f, " ")
      if (pid == pm) t += f[12] + f[13] + f[14] + f[15]; else if (f[2] == pm) t += f[12] + f[13] }
    END { print "postgres\t" t }'
}

# cpu_report <before> <after> <count> <unit>: CPU microseconds per unit, biggest first
cpu_report() {
  awk -F'\t' -v n="$3" -v unit="$4" '
    NR == FNR { before[$1] = $2; next }
    { d = ($2 - before[$1]) * 10000 / n; if (d >= 1) printf "CPU %s us/%s %s=%.0f\n", unit, unit, $1, d; total += d }
    END { printf "CPU %s us/%s total=%.0f\n", unit, unit, total }' "$1" "$2" | sort -t= -k2 -n -r
}

# wrk_phase <bodies name> <seconds>: prints wrk's RESULT line; acked ids go to $WORK/<name>.acked
wrk_phase() {
  cpu_snapshot >"$WORK/$1.cpu0"
  psql_q -d postgres -c "select xact_commit from pg_stat_database where datname = 'postgres'" >"$WORK/$1.commits0"
  /usr/bin/time -f "%U %S" -o "$WORK/$1.wrktime" timeout $(($2 + 120)) wrk -t2 -c"$CONNECTIONS" -d"$2s" --timeout 10s --latency -s bench/webhooks.lua \
    "http://127.0.0.1:$PORT/gohighlevel-webhook" -- "$WORK/$1.bin" 2 "$WORK/$1.acked" | tee "$WORK/$1.wrk"
  cpu_snapshot >"$WORK/$1.cpu1"
  sleep 1 # PostgreSQL publishes its statistics with a delay
  psql_q -d postgres -c "select xact_commit from pg_stat_database where datname = 'postgres'" >"$WORK/$1.commits1"
}

# verify <name> <id prefix>: every acknowledged id must be stored; rows beyond them were in flight at the stop.
verify() {
  psql_q -d postgres -c "create temp table acked (webhook_id text)" \
    -c "\copy acked from '$WORK/$1.acked'" \
    -c "select 'VERIFY acked=' || (select count(*) from acked)
             || ' ackedMissingFromInbox=' || (select count(*) from acked a
                                               where not exists (select 1 from webhook_inbox i where i.webhook_id = a.webhook_id))
             || ' inboxRows=' || (select count(*) from webhook_inbox where webhook_id like '$2%')
             || ' handledMeanwhile=' || (select count(*) from webhook_inbox where webhook_id like '$2%' and status <> 'PENDING')"
}

result_line() { # <label> <bodies name> <id prefix>
  local w v
  w=$(grep '^WRK ' "$WORK/$2.wrk" | sed 's/^WRK //')
  v=$(verify "$2" "$3" | sed 's/^VERIFY //')
  local commits
  commits=$(( $(cat "$WORK/$2.commits1") - $(cat "$WORK/$2.commits0") ))
  echo "RESULT $1 connections=$CONNECTIONS $w $v commits=$commits"
  # CPU per webhook; wrk's own figure includes loading its bodies, so it is an upper bound.
  local n
  n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$w")
  cpu_report "$WORK/$2.cpu0" "$WORK/$2.cpu1" "$n" webhook | sed "s/^CPU /CPU $1 /"
  awk -v n="$n" '{ printf "CPU '"$1"' webhook us/webhook wrk-client(upper bound)=%.0f\n", ($1 + $2) * 1e6 / n }' "$WORK/$2.wrktime"
}

PHASES=${BENCH_PHASES:-signed,pgbench,storage,handling}
phase() { [[ ",$PHASES," == *",$1,"* ]]; }
SIGNED= TPS= STORAGE=

if phase signed; then
echo "== phase 1: signed webhooks (${DURATION}s, ${WARM}s warm-up)"
start_service signed
echo "PostgreSQL: fsync=$(psql_q -d postgres -c 'show fsync') synchronous_commit=$(psql_q -d postgres -c 'show synchronous_commit') version=$(psql_q -d postgres -c 'show server_version')"
wrk_phase warm-signed "$WARM" >/dev/null
wrk_phase signed "$DURATION"
SIGNED=$(result_line signed signed bench-signed-)
echo "$SIGNED"
phase pgbench || stop_service # pgbench runs beside the same, now idle, service
fi

if phase pgbench; then
# pgbench needs the service's embedded PostgreSQL running.
[ -n "$PID" ] || start_service pgbench
echo "== pgbench single-row INSERT, same server, separate database"
psql_q -d postgres -c "create database pgbench_baseline"
psql_q -d pgbench_baseline \
  -c "create table bench_insert (id bigserial primary key, payload text, created_at timestamptz default now())"
echo "insert into bench_insert (payload) values ('x');" >"$WORK/insert.sql"
cpu_snapshot >"$WORK/pgbench.cpu0"
/usr/bin/time -f "%U %S" -o "$WORK/pgbench.time" "$PGBIN/pgbench" -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j 2 -T 15 -f "$WORK/insert.sql" \
  pgbench_baseline >"$WORK/pgbench.out" 2>&1
TPS=$(awk '/^tps/ {print $3; exit}' "$WORK/pgbench.out")
PG_LAT=$(awk '/^latency average/ {print $4; exit}' "$WORK/pgbench.out")
cpu_snapshot >"$WORK/pgbench.cpu1"
echo "RESULT pgbench single-row INSERT clients=$CONNECTIONS tps=$TPS latencyAvgMs=$PG_LAT"
TX=$(awk '/number of transactions actually processed/ {print $NF; exit}' "$WORK/pgbench.out")
cpu_report "$WORK/pgbench.cpu0" "$WORK/pgbench.cpu1" "$TX" insert | grep -E 'postgres|total' | sed 's/^CPU /CPU pgbench /'
awk -v n="$TX" '{ printf "CPU pgbench insert us/insert pgbench-client=%.0f\n", ($1 + $2) * 1e6 / n }' "$WORK/pgbench.time"
stop_service
fi

if phase storage; then
echo "== phase 2: storage path alone (signature checks off)"
start_service storage GHL_SKIP_SIGNATURE_VALIDATION=true
wrk_phase warm-storage "$WARM" >/dev/null
wrk_phase storage "$DURATION"
STORAGE=$(result_line storage storage bench-storage-)
echo "$STORAGE"
stop_service
fi

if phase handling; then
# GHL -> booking database: the inbox handler runs (default poll), webhooks arrive at a steady pace well below the
# intake's ceiling, and every stored ContactCreate must become exactly one lead. Latency = received_at (the intake's
# commit) to processed_at (the lead written), from webhook_inbox. A fresh database, so earlier phases' rows wait
# for nobody.
echo "== phase 3: handling, ${HANDLE_CONNECTIONS:=4} connections each pausing ${BENCH_PACE_MS:=20} ms (${DURATION}s)"
PG_DIR="$WORK/pg-handling"
POLL_MS=50 start_service handling
BENCH_PACE_MS=$BENCH_PACE_MS timeout $((DURATION + 120)) wrk -t2 -c"$HANDLE_CONNECTIONS" -d"${DURATION}s" --timeout 10s \
  --latency -s bench/webhooks-paced.lua "http://127.0.0.1:$PORT/gohighlevel-webhook" -- "$WORK/handling.bin" 2 \
  "$WORK/handling.acked" >"$WORK/handling.wrk"
deadline=$((SECONDS + 120))
while [ "$(psql_q -d postgres -c "select count(*) from webhook_inbox where status in ('PENDING', 'PROCESSING')")" != 0 ]; do
  [ $SECONDS -lt $deadline ] || { echo "inbox not drained in 120 s"; break; }
  sleep 0.5
done
echo "RESULT handling $(grep '^WRK ' "$WORK/handling.wrk" | sed 's/^WRK //' | grep -oE 'rps=[0-9]+ p50ms=[0-9.]+ p90ms=[0-9.]+ p99ms=[0-9.]+') $(psql_q -d postgres -c "
  select 'handled=' || count(*) filter (where status = 'DONE')
      || ' notDone=' || count(*) filter (where status <> 'DONE')
      || ' leads=' || (select count(*) from leads where ghl_contact_id like 'benchContact%')
      || ' duplicateLeads=' || (select count(*) - count(distinct ghl_contact_id) from leads where ghl_contact_id like 'benchContact%')
      || ' toLeadP50ms=' || round(percentile_cont(0.5) within group (order by extract(epoch from processed_at - received_at) * 1000)::numeric, 1)
      || ' toLeadP99ms=' || round(percentile_cont(0.99) within group (order by extract(epoch from processed_at - received_at) * 1000)::numeric, 1)
      || ' toLeadMaxMs=' || round(max(extract(epoch from processed_at - received_at) * 1000)::numeric, 1)
    from webhook_inbox where webhook_id like 'bench-handling-%'")"
stop_service
fi

rps() { head -1 <<<"$1" | sed -E 's/.* rps=([0-9.]+).*/\1/'; }
[ -n "$SIGNED" ] && [ -n "$STORAGE" ] && [ -n "$TPS" ] && echo "RESULT ratios signedToPgbench=$(echo "scale=3; $(rps "$SIGNED") / $TPS" | bc)" \
     "storageToPgbench=$(echo "scale=3; $(rps "$STORAGE") / $TPS" | bc)"
echo "RESULT machine nproc=$(nproc) loadavg=\"$(cut -d' ' -f1-3 /proc/loadavg)\" date=$(date -u +%Y-%m-%dT%H:%MZ)"
