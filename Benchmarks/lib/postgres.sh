# Sourced by the benchmark scripts: a fresh PostgreSQL server in a temporary directory, configured
# as Baton's embedded one (Unix socket only, fsync on), stopped and removed on exit.
#   start_postgres        sets pg_bin, pg_dir and pg_url (a libpq string for database "postgres")
#   pg_psql ARGS…         psql against it
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -x "$pg_bin/pgbench" ] || { echo "error: PostgreSQL's programs are not under /usr/lib/postgresql; apt-get install postgresql" >&2; exit 1; }
    pg_dir=$(mktemp -d /tmp/baton-bench-pg-XXXXXX)
    if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; chmod 755 "$pg_dir"; fi
    as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
        -o "-k $pg_dir -c listen_addresses='' -p 5432 -c fsync=on -c max_connections=100" start >/dev/null
    trap 'as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null; rm -rf "$pg_dir"' EXIT
    pg_url="host=$pg_dir port=5432 user=postgres"
}

pg_psql() { "$pg_bin/psql" -h "$pg_dir" -U postgres -X -q "$@"; }
