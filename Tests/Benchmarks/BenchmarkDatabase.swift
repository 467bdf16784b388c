import Foundation
import Logging
import PostgresNIO
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// A private cluster with PostgreSQL's default durability (fsync and synchronous commit on), migrated, for measuring.
struct BenchmarkDatabase {
    let cluster: EmbeddedPostgres
    let owner: DatabaseURL
    let application: DatabaseURL

    static let role = ApplicationRole(name: "switchyard_app", password: "switchyard_app")

    static func start(logger: Logger) async throws -> BenchmarkDatabase {
        let directory = URL(fileURLWithPath: "/tmp/switchyard-bench/\(getpid())")
        let cluster = try EmbeddedPostgres(
            directory: directory, port: 40000 + Int(getpid() % 20000),
            settings: ["max_connections = 200", "shared_buffers = 512MB", "shared_preload_libraries = 'pg_stat_statements'"], logger: logger)
        try await cluster.start()
        try await DatabaseAdministration.createDatabaseIfMissing("bench", server: cluster.serverURL, logger: logger)
        let owner = cluster.serverURL.with(database: "bench")
        let files = try MigrationFile.discover(in: URL(fileURLWithPath: "Schema/migrations"))
        try await DatabaseAdministration.withClient(owner, poolSize: 1, logger: logger) { client in
            try await Migrator(files: files, applicationRole: Self.role, logger: logger).migrate(owner: client)
        }
        return BenchmarkDatabase(cluster: cluster, owner: owner, application: owner.with(username: Self.role.name, password: Self.role.password))
    }

    /// Where the server spent its time, from pg_stat_statements: the statements to look at first.
    func printTopStatements(limit: Int = 6) async throws {
        let logger = Logger(label: "bench")
        try await DatabaseAdministration.withConnection(to: self.owner, logger: logger) { connection in
            try await connection.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", logger: logger)
            let rows = try await connection.query(
                """
                SELECT calls::int, (total_exec_time / calls)::float8, left(regexp_replace(query, '\\s+', ' ', 'g'), 80)
                FROM pg_stat_statements WHERE calls > 10 ORDER BY total_exec_time DESC LIMIT \(limit)
                """, logger: logger)
            print("server time by statement (calls, mean ms, statement):")
            for try await (calls, mean, statement) in rows.decode((Int, Double, String).self) {
                print(String(format: "  %6d  %7.2f  ", calls, mean) + statement)
            }
        }
    }

    func stop() async {
        try? await self.cluster.stop()
        try? FileManager.default.removeItem(at: self.cluster.clusterDirectory)
    }

    func reset() async throws {
        try await DatabaseAdministration.withConnection(to: self.owner, logger: Logger(label: "bench")) { connection in
            try await connection.query("TRUNCATE platform.jobs", logger: Logger(label: "bench"))
            try await connection.query("VACUUM ANALYZE platform.jobs", logger: Logger(label: "bench"))
        }
    }
}
