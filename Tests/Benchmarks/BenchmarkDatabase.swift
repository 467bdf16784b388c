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
            directory: directory, port: 40000 + Int(getpid() % 20000), settings: ["max_connections = 200", "shared_buffers = 512MB"], logger: logger)
        try await cluster.start()
        try await DatabaseAdministration.createDatabaseIfMissing("bench", server: cluster.serverURL, logger: logger)
        let owner = cluster.serverURL.with(database: "bench")
        let files = try MigrationFile.discover(in: URL(fileURLWithPath: "Schema/migrations"))
        try await DatabaseAdministration.withClient(owner, poolSize: 1, logger: logger) { client in
            try await Migrator(files: files, applicationRole: Self.role, logger: logger).migrate(owner: client)
        }
        return BenchmarkDatabase(cluster: cluster, owner: owner, application: owner.with(username: Self.role.name, password: Self.role.password))
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
