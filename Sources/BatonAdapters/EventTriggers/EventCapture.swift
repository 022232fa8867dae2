import BatonPostgres

/// The database side of event triggers: the table captured events wait in, the function every
/// trigger runs, and the trigger on a watched table. Created in the watched database (Baton's or
/// Retool's) when a trigger is saved, in the same transaction as the trigger itself.
enum EventCapture {
    /// Whatever the writer's `search_path`, the function writes to `public`. It runs with its
    /// owner's rights (Baton's role), so that a writer needs no right on the events table; with
    /// a fixed `search_path`, as a `SECURITY DEFINER` function must.
    static let setup = """
        CREATE TABLE IF NOT EXISTS public.baton_trigger_events (
            id bigserial PRIMARY KEY,
            trigger_name text NOT NULL,
            table_name text NOT NULL,
            operation text NOT NULL,
            row_key text,
            old_row jsonb,
            new_row jsonb,
            origin text,
            received_at timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE INDEX IF NOT EXISTS baton_trigger_events_row ON public.baton_trigger_events (trigger_name, row_key, id);
        CREATE OR REPLACE FUNCTION public.baton_capture_event() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        DECLARE
            old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
            new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
            row_key text;
        BEGIN
            -- TG_ARGV: the Baton trigger's name, then the table's primary key columns.
            SELECT string_agg(coalesce(new_row, old_row) ->> key_column, ',' ORDER BY position) INTO row_key
            FROM unnest(TG_ARGV[1:]) WITH ORDINALITY AS k(key_column, position);
            INSERT INTO public.baton_trigger_events (trigger_name, table_name, operation, row_key, old_row, new_row, origin)
            VALUES (TG_ARGV[0], TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP, row_key, old_row, new_row,
                nullif(current_setting('application_name', true), ''));
            PERFORM pg_notify('baton_trigger_events', TG_ARGV[0]);
            RETURN NULL;
        END $$;
        """

    /// One installation at a time per database: two Baton processes replacing the function at
    /// once would fail with "tuple concurrently updated".
    static let lock = "SELECT pg_advisory_xact_lock(hashtext('baton_event_triggers'))"

    /// The PostgreSQL trigger of Baton trigger `name`.
    static func triggerName(_ name: String) -> String { "baton_\(name)" }

    /// Installs (or replaces) the trigger of `trigger` on its table, on `connection` inside a
    /// transaction the caller holds. A missing table and a missing right are ``EventTriggerError``s.
    static func install(_ trigger: EventTrigger, on connection: PostgresConnection) async throws {
        try await connection.query(lock)
        do {
            try await connection.execute(script: setup)
        } catch let error as PostgresError {
            throw refusal(error, table: trigger.table, database: trigger.database)
        }
        let found = try await connection.query(
            """
            SELECT c.oid::regclass::text, c.relkind::text,
                (SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = c.oid AND i.indisprimary)
            FROM pg_class c WHERE c.oid = to_regclass($1)
            """, [trigger.table])
        guard let row = found.rows.first, let table = row[0] else {
            throw EventTriggerError(
                "Expected table '\(trigger.table)' to exist in the \(trigger.database.rawValue) database, but it does not.", kind: .notFound)
        }
        guard ["r", "p"].contains(row[1] ?? "") else {
            throw EventTriggerError("Expected '\(trigger.table)' to be a table, but it is a view or another kind of relation.")
        }
        let keys = row[2].map { ", " + $0 } ?? ""
        let name = try await connection.query("SELECT quote_ident($1), quote_literal($2)", [triggerName(trigger.name), trigger.name]).rows[0]
        let operations = trigger.operations.map(\.rawValue).joined(separator: " OR ")
        do {
            try await connection.execute(script: """
                DROP TRIGGER IF EXISTS \(name[0]!) ON \(table);
                CREATE TRIGGER \(name[0]!) AFTER \(operations) ON \(table) FOR EACH ROW EXECUTE FUNCTION public.baton_capture_event(\(name[1]!)\(keys));
                """)
        } catch let error as PostgresError {
            throw refusal(error, table: trigger.table, database: trigger.database)
        }
    }

    /// Removes the trigger of Baton trigger `name` from `table`, if both still exist.
    static func uninstall(name: String, table: String, on connection: PostgresConnection) async throws {
        guard let resolved = try await connection.query("SELECT to_regclass($1)::text", [table]).rows.first?.first ?? nil else { return }
        let quoted = try await connection.query("SELECT quote_ident($1)", [triggerName(name)]).rows[0][0]!
        try await connection.execute(script: "DROP TRIGGER IF EXISTS \(quoted) ON \(resolved)")
    }

    /// A PostgreSQL refusal in a user's words: a missing right (42501) is the role's, not Baton's.
    private static func refusal(_ error: PostgresError, table: String, database: EventTrigger.Database) -> any Error {
        guard error.sqlState == "42501" else { return error }
        return EventTriggerError(
            "Cannot create a trigger on '\(table)' in the \(database.rawValue) database: Baton's database role lacks the right (\(error.message)). Grant it TRIGGER on the table, and CREATE on schema public for its events table, or use a role that owns them.",
            kind: .forbidden)
    }
}
