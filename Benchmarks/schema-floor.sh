#!/usr/bin/env bash
# What a fresh database costs before `baton serve` is ready: `baton migrate` applying every
# engine migration, against the floor of the same schema's DDL (a schema-only dump of the
# migrated database restored in one transaction, as one psql script), ROUNDS times each on
# one fresh PostgreSQL server (configured as Baton's embedded one).
#
#   Benchmarks/schema-floor.sh              # 3 rounds
#   ROUNDS=5 Benchmarks/schema-floor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-3}

swift build -c release --static-swift-stdlib --product baton >&2
baton=$(swift build -c release --show-bin-path)/baton

. Benchmarks/lib/postgres.sh
start_postgres
milliseconds() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

pg_psql -c "CREATE DATABASE reference"
DATABASE_URL="$pg_url dbname=reference" "$baton" migrate >/dev/null
"$pg_bin/pg_dump" -h "$pg_dir" -U postgres --schema-only --no-owner -d reference > "$pg_dir/schema.sql"
echo "machine: $(nproc) cores; $("$pg_bin/postgres" --version); $(date -u +%Y-%m-%d); migrations: $(pg_psql -d reference -At -c 'SELECT count(*) FROM schema_migrations')"
echo "schema: $(pg_psql -d reference -At -c "SELECT string_agg(relkind::text || '=' || n, ' ') FROM (SELECT relkind, count(*) n FROM pg_class WHERE relnamespace = 'public'::regnamespace GROUP BY 1 ORDER BY 1) k") (r table, p partitioned, i index, I partitioned index, S sequence)"
printf '%-6s %-16s %-22s\n' round migrate_ms restore_one_txn_ms
for round in $(seq "$rounds"); do
    pg_psql -c "CREATE DATABASE migrated_$round" -c "CREATE DATABASE restored_$round"
    began=$(date +%s%N)
    DATABASE_URL="$pg_url dbname=migrated_$round" "$baton" migrate >/dev/null
    migrate=$(milliseconds "$began")
    began=$(date +%s%N)
    pg_psql -d "restored_$round" -v ON_ERROR_STOP=1 --single-transaction -f "$pg_dir/schema.sql" >/dev/null
    restore=$(milliseconds "$began")
    printf '%-6s %-16s %-22s\n' "$round" "$migrate" "$restore"
done
