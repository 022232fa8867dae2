import BatonPostgres
import BatonTesting
import Foundation

/// The test server of ``TestPostgres``, with connections for tests that work below the store.
enum TestDatabase {
    static var server: Result<EmbeddedPostgres, any Error> { Result { try TestPostgres.embedded() } }

    /// A connection to a new, empty database.
    static func fresh() async throws -> PostgresConnection {
        try await PostgresConnection.connect(try await TestPostgres.freshDatabase())
    }

    static let repositoryRoot = TestPostgres.repositoryRoot
}
