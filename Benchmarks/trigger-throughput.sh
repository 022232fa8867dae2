#!/usr/bin/env bash
# Data-event trigger throughput: how many captured row changes per second one, and two, `baton
# serve` processes sharing a database turn into started instances (each event: take it, check
# the condition, start the instance, log the outcome, in one transaction).
#
#   Benchmarks/trigger-throughput.sh                       # 20000 events; 1 and 2 processes
#   EVENTS=50000 PROCESSES="1 2 3" Benchmarks/trigger-throughput.sh
#
# The rows are inserted while no Baton runs (the trigger captures them all the same), then the
# processes start together and the clock runs until every event has its outcome logged.
set -euo pipefail
cd "$(dirname "$0")/.."
events=${EVENTS:-20000}
processes=${PROCESSES:-"1 2"}

swift build -c release --static-swift-stdlib --product baton >&2
baton=$(swift build -c release --show-bin-path)/baton

. Benchmarks/lib/postgres.sh
start_postgres
processes_dir=$(mktemp -d /tmp/baton-trigger-bench-XXXXXX)
trap 'rm -rf "$processes_dir"; as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null; rm -rf "$pg_dir"' EXIT
cp Benchmarks/processes/usertask.bpmn "$processes_dir/"
cat > "$processes_dir/rows.triggers.json" <<'JSON'
{"name": "row-inserted", "table": "public.bench_rows", "operations": ["INSERT"], "condition": "${new.n > 0}",
 "processDefinitionKey": "usertask", "businessKey": "${new.id}", "variables": {"n": "${new.n}"}}
JSON

# Serves until "Baton serving" appears; its pid in $served.
serve() {
    local log=$1
    DATABASE_URL=$url BATON_HOME="$processes_dir/home" "$baton" serve --port 0 --processes "$processes_dir" >"$log" 2>&1 &
    served=$!
    for _ in $(seq 600); do grep -q "Baton serving" "$log" && return; sleep 0.1; done
    echo "error: baton serve did not start: $(cat "$log")" >&2
    exit 1
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$pg_bin/postgres" --version); $(date -u +%Y-%m-%d); $events events"
printf '%-10s %-10s %-12s %-10s\n' processes seconds events_per_s started
for count in $processes; do
    db=triggers_$count
    pg_psql -c "CREATE DATABASE $db"
    pg_psql -d "$db" -c "CREATE TABLE bench_rows (id text PRIMARY KEY, n integer NOT NULL)"
    url="host=$pg_dir port=5432 user=postgres dbname=$db"
    serve "$processes_dir/install.log"   # migrates, deploys, installs the trigger
    kill -TERM "$served"; wait "$served" || true
    pg_psql -d "$db" -c "INSERT INTO bench_rows SELECT 'r' || n, n FROM generate_series(1, $events) AS n"
    pids=()
    begin=$(date +%s.%N)
    for i in $(seq "$count"); do serve "$processes_dir/serve-$count-$i.log"; pids+=("$served"); done
    until [ "$(pg_psql -d "$db" -tAc "SELECT count(*) FROM event_trigger_log")" -ge "$events" ]; do sleep 0.1; done
    end=$(date +%s.%N)
    kill -TERM "${pids[@]}"; wait "${pids[@]}" || true
    started=$(pg_psql -d "$db" -tAc "SELECT count(*) FROM process_instances")
    awk -v c="$count" -v b="$begin" -v e="$end" -v n="$events" -v s="$started" \
        'BEGIN { printf "%-10s %-10.1f %-12.0f %-10s\n", c, e - b, n / (e - b), s }'
done
