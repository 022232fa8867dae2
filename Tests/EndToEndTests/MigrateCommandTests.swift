import Foundation
import Testing

extension SubprocessTests {
    @Suite struct MigrateCommandTests {
        @Test func migratesTheEmbeddedDatabaseOnceAndStopsIt() async throws {
            let home = URL(fileURLWithPath: "/tmp/baton-e2e-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: home) }
            let first = try await BatonProcess.run(["migrate"], environment: ["BATON_HOME": home.path, "DATABASE_URL": ""])
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput == "applied migrations 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35\n")
            let second = try await BatonProcess.run(["migrate"], environment: ["BATON_HOME": home.path, "DATABASE_URL": ""])
            #expect(second.status == 0, "\(second.standardError)")
            #expect(second.standardOutput == "schema up to date (35 migrations applied before)\n")
            #expect(FileManager.default.fileExists(atPath: home.appendingPathComponent("pg/data/PG_VERSION").path), "data survives between runs")
            #expect(!FileManager.default.fileExists(atPath: home.appendingPathComponent("pg/data/postmaster.pid").path), "the server was stopped")
        }

        @Test func migratesRetoolsDraftsIntoARetoolDatabaseOnTheSameServer() async throws {
            let home = URL(fileURLWithPath: "/tmp/baton-e2e-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: home) }
            let environment = ["BATON_HOME": home.path, "DATABASE_URL": "", "RETOOL_DATABASE_URL": ""]
            let first = try await BatonProcess.run(["migrate", "--retool"], environment: environment)
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardOutput == "applied migration 1\n")
            let again = try await BatonProcess.run(["migrate", "--retool"], environment: environment)
            #expect(again.standardOutput == "schema up to date (1 migration applied before)\n")
            let engine = try await BatonProcess.run(["migrate"], environment: environment)
            #expect(engine.standardOutput == "applied migrations 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35\n", "the engine's migrations are recorded apart from Retool's")
        }

        @Test func anUnreachableDatabaseIsAClearError() async throws {
            let result = try await BatonProcess.run(["migrate", "--database-url", "host=/tmp/baton-nothing-here port=5432 user=postgres connect_timeout=2"])
            #expect(result.status == 1)
            #expect(result.standardError.hasPrefix("error: database unavailable:"))
        }

        @Test func readsTheDatabasesFromAConfigFile() async throws {
            let config = URL(fileURLWithPath: "/tmp/baton-e2e-\(UUID().uuidString.prefix(8)).env")
            defer { try? FileManager.default.removeItem(at: config) }
            try "# as for baton serve\nRETOOL_DATABASE_URL=host=/tmp/baton-retool-nowhere port=5432 user=postgres connect_timeout=2\n"
                .write(to: config, atomically: true, encoding: .utf8)
            let home = URL(fileURLWithPath: "/tmp/baton-e2e-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: home) }
            let result = try await BatonProcess.run(["migrate", "--retool", "--config", config.path], environment: ["BATON_HOME": home.path, "DATABASE_URL": ""])
            #expect(result.status == 1)
            #expect(result.standardError.contains("baton-retool-nowhere"), "the file's RETOOL_DATABASE_URL was used: \(result.standardError)")
            let unreadable = try await BatonProcess.run(["migrate", "--config", "/tmp/baton-no-such-config.env"])
            #expect(unreadable.status == 1 && unreadable.standardError.contains("cannot be read"))
        }
    }
}

extension SubprocessTests {
    @Suite struct HistoryCleanupCommandTests {
        @Test func cleansUpAMigratedEmbeddedDatabase() async throws {
            let home = URL(fileURLWithPath: "/tmp/baton-e2e-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: home) }
            let environment = ["BATON_HOME": home.path, "DATABASE_URL": ""]
            #expect(try await BatonProcess.run(["migrate"], environment: environment).status == 0)
            let result = try await BatonProcess.run(["history", "cleanup"], environment: environment)
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput == "removed 0 ended instances past their history time-to-live\n")
            #expect(try await BatonProcess.run(["history", "cleanup", "--batch-size", "0"], environment: environment).status == 2)
        }
    }
}
