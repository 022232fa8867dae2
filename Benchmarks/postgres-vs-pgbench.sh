#!/usr/bin/env bash
# Baton's persistent benchmark and pgbench's TPC-B, side by side in one run: the same fresh
# PostgreSQL server (configured as Baton's embedded one), the same client counts.
#
#   Benchmarks/postgres-vs-pgbench.sh            # clients 1 4 8, 3000 instances, pgbench 20 s, 3 rounds
#   CLIENTS="8" INSTANCES=10000 SECONDS_PER_PGBENCH=60 ROUNDS=5 Benchmarks/postgres-vs-pgbench.sh
#   BATON=/tmp/baton-before CLIENTS=8 Benchmarks/postgres-vs-pgbench.sh   # a binary built elsewhere, not rebuilt
#
# A Baton command is one transaction (start, task completion, job run); pgbench's TPC-B
# transaction is five statements in one transaction. Both commit with fsync on.
# On a shared machine one pair of runs moves by ±0.1, so each client count runs ROUNDS
# alternating pairs (Baton, then pgbench) and reports each round's ratio and their median.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${CLIENTS:-"1 4 8"}
instances=${INSTANCES:-3000}
pgbench_seconds=${SECONDS_PER_PGBENCH:-20}
rounds=${ROUNDS:-3}

if [ -n "${BATON:-}" ]; then
    baton=$BATON  # another build to compare, as it is
else
    swift build -c release --static-swift-stdlib --product baton >&2
    baton=$(swift build -c release --show-bin-path)/baton
fi

. Benchmarks/lib/postgres.sh
start_postgres
bin=$pg_bin work=$pg_dir
pg_psql -c "CREATE DATABASE baton" -c "CREATE DATABASE pgbench"
"$bin/pgbench" -h "$work" -U postgres -i -q -s 10 pgbench >/dev/null 2>&1

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $("$bin/postgres" --version); $(date -u +%Y-%m-%d)"
printf '%-8s %-6s %-18s %-18s %-8s %-22s %-10s\n' clients round baton_commands/s pgbench_tps ratio statements/round_trips p99_ms
for c in $clients; do
    ratios=()
    for round in $(seq "$rounds"); do
        line=$("$baton" bench Benchmarks/processes/usertask.bpmn --store postgres --instances "$instances" --concurrency "$c" \
            --database-url "host=$work port=5432 user=postgres dbname=baton" | tail -1)
        value() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        tps=$("$bin/pgbench" -h "$work" -U postgres -n -c "$c" -j "$c" -T "$pgbench_seconds" pgbench 2>/dev/null \
            | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1)
        ratio=$(awk -v a="$(value commands_per_s)" -v b="$tps" 'BEGIN { printf "%.2f", a / b }')
        ratios+=("$ratio")
        printf '%-8s %-6s %-18s %-18s %-8s %-22s %-10s\n' "$c" "$round" "$(value commands_per_s)" "$tps" "$ratio" \
            "$(value statements_per_command)/$(value round_trips_per_command)" "$(value p99_ms)"
    done
    median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
    printf '%-8s %-6s %-18s %-18s %-8s\n' "$c" median "" "" "$median"
done
