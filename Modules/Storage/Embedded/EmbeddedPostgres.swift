import Foundation
import Logging

/// A private PostgreSQL cluster in a folder of its own, run from the system's PostgreSQL binaries:
/// created on first start, reused afterwards, listening on loopback only.
/// PostgreSQL refuses to run as root, so when we are root the cluster belongs to, and runs as, the `postgres` user.
public struct EmbeddedPostgres: Sendable {
    public static let superuser = "switchyard"

    public let directory: URL
    public let port: Int
    public let binaries: URL
    /// Extra `postgresql.conf` lines written when the cluster is created.
    public let settings: [String]
    public let logger: Logger

    public init(directory: URL, port: Int, binaries: URL? = nil, settings: [String] = [], logger: Logger) throws {
        self.directory = directory.standardizedFileURL
        self.port = port
        self.binaries = try binaries ?? Self.locateBinaries()
        self.settings = settings
        self.logger = logger
    }

    public var dataDirectory: URL { self.directory.appendingPathComponent("data") }
    public var logFile: URL { self.directory.appendingPathComponent("server.log") }

    /// The server's maintenance database, as the cluster's superuser.
    public var serverURL: DatabaseURL {
        DatabaseURL(host: "127.0.0.1", port: self.port, username: Self.superuser, database: "postgres", tls: .disable)
    }

    /// Creates the cluster if needed, stops a leftover server of an earlier run, and starts it on `port`.
    public func start() async throws {
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
        let runAsPostgresUser = geteuid() == 0
        if runAsPostgresUser {
            try await ProcessRunner.check("/bin/chown", ["-R", "postgres:postgres", self.directory.path])
            let probe = try await ProcessRunner.run("/usr/sbin/runuser", ["-u", "postgres", "--", "test", "-w", self.directory.path])
            guard probe.status == 0 else {
                throw StorageError.embeddedPostgres(
                    "running as root, the cluster must run as the 'postgres' user, who cannot reach \(self.directory.path); "
                        + "make its parent folders world-searchable (chmod o+x) or set DATABASE_URL")
            }
        }
        if !FileManager.default.fileExists(atPath: self.dataDirectory.appendingPathComponent("PG_VERSION").path) {
            self.logger.info("creating PostgreSQL cluster", metadata: ["directory": "\(self.dataDirectory.path)"])
            try await self.tool("initdb", [
                "-D", self.dataDirectory.path, "-U", Self.superuser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions",
            ])
            let configuration = (["listen_addresses = '127.0.0.1'", "unix_socket_directories = ''"] + self.settings)
                .joined(separator: "\n")
            let handle = try FileHandle(forWritingTo: self.dataDirectory.appendingPathComponent("postgresql.conf"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(("\n# switchyard embedded settings\n" + configuration + "\n").utf8))
            try handle.close()
        }
        if try await self.isRunning() {
            self.logger.info("stopping a PostgreSQL server left running by an earlier run")
            try await self.stop()
        }
        try await self.tool("pg_ctl", [
            "-D", self.dataDirectory.path, "-l", self.logFile.path, "-w", "-t", "60", "-o", "-p \(self.port)", "start",
        ])
        self.logger.info("PostgreSQL started", metadata: ["port": "\(self.port)"])
    }

    public func stop() async throws {
        try await self.tool("pg_ctl", ["-D", self.dataDirectory.path, "-m", "fast", "-w", "stop"])
    }

    /// Blocking stop for process-exit handlers, where no async context remains.
    public func stopBlocking() {
        let (executable, arguments) = self.invocation("pg_ctl", ["-D", self.dataDirectory.path, "-m", "immediate", "-w", "stop"])
        ProcessRunner.runBlocking(executable, arguments)
    }

    private func isRunning() async throws -> Bool {
        let (executable, arguments) = self.invocation("pg_ctl", ["-D", self.dataDirectory.path, "status"])
        return try await ProcessRunner.run(executable, arguments).status == 0
    }

    @discardableResult
    private func tool(_ name: String, _ arguments: [String]) async throws -> String {
        let (executable, arguments) = self.invocation(name, arguments)
        return try await ProcessRunner.check(executable, arguments)
    }

    private func invocation(_ name: String, _ arguments: [String]) -> (String, [String]) {
        let path = self.binaries.appendingPathComponent(name).path
        return geteuid() == 0 ? ("/usr/sbin/runuser", ["-u", "postgres", "--", path] + arguments) : (path, arguments)
    }

    /// The newest `/usr/lib/postgresql/<major>/bin`, or the folder of `pg_ctl` on the PATH.
    public static func locateBinaries() throws -> URL {
        let fileManager = FileManager.default
        let root = "/usr/lib/postgresql"
        let majors = ((try? fileManager.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        if let newest = majors.last {
            return URL(fileURLWithPath: "\(root)/\(newest)/bin")
        }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            if fileManager.isExecutableFile(atPath: "\(folder)/pg_ctl") { return URL(fileURLWithPath: String(folder)) }
        }
        throw StorageError.embeddedPostgres(
            "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH); install them with `apt-get install postgresql`")
    }
}
