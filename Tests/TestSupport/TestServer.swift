import Foundation
import Logging
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// The PostgreSQL server shared by one test process.
public final class TestServer: Sendable {
    static let templateName = "switchyard_template"
    static let shared = Task { try await TestServer.start() }

    let url: DatabaseURL
    private let counter = Counter()

    private init(url: DatabaseURL) {
        self.url = url
    }

    private static func start() async throws -> TestServer {
        let logger = TestDatabase.logger
        let server: DatabaseURL
        if let text = ProcessInfo.processInfo.environment["DATABASE_URL"] {
            server = try DatabaseURL(text)
        } else {
            let parent = URL(fileURLWithPath: "/tmp/switchyard-tests")
            await Self.removeClustersOfDeadRuns(in: parent, logger: logger)
            let cluster = try await Self.startCluster(in: parent.appendingPathComponent("\(getpid())"), logger: logger)
            ClusterCleanup.register(cluster)
            server = cluster.serverURL
        }
        try await DatabaseAdministration.dropDatabaseIfExists(Self.templateName, server: server, logger: logger)
        try await DatabaseAdministration.createDatabaseIfMissing(Self.templateName, server: server, logger: logger)
        let migrator = Migrator(
            files: try MigrationFile.discover(in: TestDatabase.migrationsDirectory), applicationRole: TestDatabase.applicationRole,
            logger: logger)
        try await DatabaseAdministration.withClient(server.with(database: Self.templateName), poolSize: 1, logger: logger) { client in
            try await migrator.migrate(owner: client)
        }
        return TestServer(url: server)
    }

    /// Starts this process's cluster on a free port. The port is free when asked for but another socket can take it
    /// before PostgreSQL binds it (CI saw exactly that), so a start that fails is tried again on another port.
    private static func startCluster(in directory: URL, logger: Logger) async throws -> EmbeddedPostgres {
        var attempt = 1
        while true {
            let cluster = try EmbeddedPostgres(
                directory: directory, port: try Self.freePort(),
                settings: ["fsync = off", "synchronous_commit = off", "full_page_writes = off", "max_connections = 400"],
                logger: logger)
            do {
                try await cluster.start()
                return cluster
            } catch  where attempt < 5 {
                logger.warning("the test cluster did not start; trying another port", metadata: ["error": "\(error)"])
                attempt += 1
            }
        }
    }

    /// A test process that was killed leaves its cluster running; stop and delete those of processes that are gone.
    private static func removeClustersOfDeadRuns(in parent: URL, logger: Logger) async {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let pid = Int32(entry), kill(pid, 0) != 0 || pid == getpid() else { continue }
            let directory = parent.appendingPathComponent(entry)
            if let cluster = try? EmbeddedPostgres(directory: directory, port: 0, logger: logger) {
                cluster.stopBlocking()
            }
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// A new database named uniquely for this process, copied from the migrated template (or `template`).
    func createDatabase(template: String = TestServer.templateName) async throws -> String {
        let name = "test_\(getpid())_\(await self.counter.next())"
        try await DatabaseAdministration.createDatabaseIfMissing(name, template: template, server: self.url, logger: TestDatabase.logger)
        return name
    }

    /// Asks the kernel for a port nobody listens on.
    public static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw StorageError.embeddedPostgres("no free port for the test cluster") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Numbers the databases this process creates.
actor Counter {
    private var value = 0

    func next() -> Int {
        self.value += 1
        return self.value
    }
}

/// Stops the embedded test cluster and deletes its folder when the test process exits.
enum ClusterCleanup {
    nonisolated(unsafe) private static var cluster: EmbeddedPostgres?

    static func register(_ cluster: EmbeddedPostgres) {
        // Written once, from the single task that starts the shared server, before any reader exists.
        Self.cluster = cluster
        atexit {
            guard let cluster = ClusterCleanup.cluster else { return }
            cluster.stopBlocking()
            try? FileManager.default.removeItem(at: cluster.clusterDirectory)
        }
    }
}
