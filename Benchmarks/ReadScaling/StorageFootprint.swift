import BatonPostgres

/// What the filled database takes on disk: every table of the engine schema with its indexes
/// and TOAST, per instance (running and ended alike).
struct StorageFootprint: Sendable {
    struct Table: Sendable {
        var name: String
        var bytes: Int
        var rows: Int
    }

    var tables: [Table]
    var instances: Int

    var totalBytes: Int { tables.reduce(0) { $0 + $1.bytes } }
    var bytesPerInstance: Int { instances == 0 ? 0 : totalBytes / instances }

    /// Measured after VACUUM ANALYZE, so the row counts are the planner's and no dead rows count.
    /// A partitioned table counts once, with all its partitions.
    static func measure(on connection: PostgresConnection) async throws -> StorageFootprint {
        let tables = try await connection.query(
            """
            SELECT coalesce(pg_partition_root(c.oid), c.oid)::regclass::text AS name, sum(pg_total_relation_size(c.oid)) AS bytes,
                   sum(greatest(c.reltuples, 0))::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r'
            GROUP BY 1 ORDER BY bytes DESC, name
            """)
        let instances = try await connection.query(
            "SELECT (SELECT count(*) FROM history_process_instances) + (SELECT count(*) FROM process_instances)")
        return StorageFootprint(
            tables: tables.rows.map { Table(name: $0[0] ?? "", bytes: Int($0[1] ?? "") ?? 0, rows: max(0, Int($0[2] ?? "") ?? 0)) },
            instances: Int(instances.rows.first?[0] ?? "") ?? 0)
    }
}
