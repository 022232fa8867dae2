#!/usr/bin/env bash
# Where Baton stands, side by side in one run on this machine (release build):
#   1. PostgreSQL: Baton's start → user task → complete → end, commands/s ÷ pgbench TPC-B tps,
#      same fresh server, same client count (Benchmarks/postgres-vs-pgbench.sh).
#   2. In memory: Baton steps/s ÷ SpiffWorkflow steps/s on the same BPMN files, one client each
#      (Spiff runs the variants in Benchmarks/processes/spiff where Baton's use JUEL or handlers).
#   3. baton serve: time from exec to ready, and Baton's resident memory idle and at peak under
#      HTTP load (PostgreSQL's own processes are not counted).
#
#   Benchmarks/compare.sh
#   CLIENTS=8 INSTANCES=4000 SPIFF_INSTANCES=2000 BATON_INSTANCES=50000 LOAD_SECONDS=20 Benchmarks/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-8}
instances=${INSTANCES:-3000}
spiff_instances=${SPIFF_INSTANCES:-2000}
baton_instances=${BATON_INSTANCES:-50000}
load_seconds=${LOAD_SECONDS:-20}

swift build -c release --static-swift-stdlib --product baton >&2   # the binary README installs
baton=$(swift build -c release --show-bin-path)/baton
venv=Benchmarks/.venv-spiff
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" && "$venv/bin/pip" install -q 'spiffworkflow==3.2.0' >&2
fi
value() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

echo "# Baton side by side: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m), $(date -u +%Y-%m-%d), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo
echo "## PostgreSQL: Baton commands/s ÷ pgbench TPC-B tps"
CLIENTS="$clients" INSTANCES="$instances" Benchmarks/postgres-vs-pgbench.sh 2>/dev/null
echo
echo "## In memory, one client: Baton steps/s ÷ SpiffWorkflow $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("spiffworkflow"))') steps/s"
printf '%-10s %-16s %-16s %-8s %-16s\n' scenario baton_steps/s spiff_steps/s ratio steps/instance
for scenario in chain10 parallel usertask approval; do
    if [ "$scenario" = approval ]; then
        spiff_file=Benchmarks/processes/spiff/benefit-approval.bpmn key=benefit-approval
        spiff_args=(--var draftId=D-1 --var submittedBy=sam --complete approved=true)
    else
        spiff_file=Benchmarks/processes/$scenario.bpmn key=$scenario spiff_args=()
    fi
    spiff=$("$venv/bin/python" Benchmarks/spiff_bench.py "$spiff_file" "$key" --instances "$spiff_instances" "${spiff_args[@]}" | tail -1)
    ours=$("$baton" bench --scenario "$scenario" --store memory --instances "$baton_instances" | tail -1)
    [ "$(value "$spiff" steps)" = "$(( $(value "$ours" steps) * spiff_instances / baton_instances ))" ] \
        || echo "note: $scenario takes a different number of steps in Spiff ($(value "$spiff" steps)/$spiff_instances) and Baton ($(value "$ours" steps)/$baton_instances)" >&2
    printf '%-10s %-16s %-16s %-8s %-16s\n' "$scenario" "$(value "$ours" steps_per_s)" "$(value "$spiff" steps_per_s)" \
        "$(awk -v a="$(value "$ours" steps_per_s)" -v b="$(value "$spiff" steps_per_s)" 'BEGIN { printf "%.0f", a / b }')" \
        "$(( $(value "$ours" steps) / baton_instances ))"
done
echo

. Benchmarks/lib/postgres.sh
start_postgres
pg_psql -c "CREATE DATABASE serve"
scratch=$(mktemp -d /tmp/baton-compare-XXXXXX)
chmod 755 "$scratch"
rss() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# Starts baton serve with the given environment, waits for its ready line; sets pid, url, ready_ms.
serve() {
    local log=$scratch/serve-$RANDOM.log began
    began=$(date +%s%N)
    env "$@" "$baton" serve --port 0 --processes Benchmarks/processes >"$log" 2>&1 &
    pid=$!
    until grep -q '^Baton serving' "$log"; do
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
        sleep 0.005
    done
    ready_ms=$(( ($(date +%s%N) - began) / 1000000 ))
    url=$(sed -n 's/^Baton serving //p' "$log")
}
stop() { kill -TERM "$pid"; wait "$pid" || true; }

echo "## baton serve"
printf '%-58s %s\n' measure value
serve DATABASE_URL="$pg_url dbname=serve"
printf '%-58s %s ms\n' "ready, PostgreSQL already running (DATABASE_URL)" "$ready_ms"
sleep 2
printf '%-58s %s MB\n' "resident memory idle (VmRSS)" "$(rss "$pid" VmRSS)"
printf '%-58s %s MB\n' "  of it Baton's own heap and stacks (RssAnon; the rest is code)" "$(rss "$pid" RssAnon)"
# VmHWM would hold start-up's peak, before start-up's code pages are given back
# (StartupPages), so the load's peak is sampled.
( peak=0; while kill -0 "$pid" 2>/dev/null && [ ! -e "$scratch/load-done" ]; do
      now=$(awk '$1 == "VmRSS:" { print $2 }' "/proc/$pid/status"); [ "${now:-0}" -gt "$peak" ] && peak=$now
      sleep 0.05
  done; echo "$peak" >"$scratch/load-peak" ) &
sampler=$!
load=$(python3 Benchmarks/http_load.py "$url" usertask --clients "$clients" --seconds "$load_seconds")
touch "$scratch/load-done"; wait "$sampler"
printf '%-58s %.1f MB\n' "peak resident memory, $clients HTTP clients for ${load_seconds}s (VmRSS)" "$(awk '{ print $1 / 1024 }' "$scratch/load-peak")"
printf '%-58s %s MB\n' "  resident memory after the load (VmRSS)" "$(rss "$pid" VmRSS)"
printf '%-58s %s MB\n' "  peak since exec, start-up included (VmHWM)" "$(rss "$pid" VmHWM)"
printf '%-58s %s MB\n' "  heap and stacks after the load (RssAnon)" "$(rss "$pid" RssAnon)"
printf '%-58s %s\n' "  that load: start + task query + complete per instance" "$(value "$load" instances_per_s) instances/s"
stop
serve BATON_HOME="$scratch/home" DATABASE_URL=
printf '%-58s %s ms\n' "ready, embedded PostgreSQL, first start (initdb)" "$ready_ms"
stop
serve BATON_HOME="$scratch/home" DATABASE_URL=
printf '%-58s %s ms\n' "ready, embedded PostgreSQL, later start" "$ready_ms"
stop
rm -rf "$scratch"
