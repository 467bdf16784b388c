import Crypto
import Foundation
import Kernel
import Logging
import PostgresNIO

/// A private PostgreSQL cluster in a folder of its own, run from the system's PostgreSQL binaries:
/// created on first start, reused afterwards, listening on loopback only, with password (SCRAM) authentication for
/// every connection so that other local users cannot walk in; the superuser's password is kept in the cluster folder,
/// readable by its owner only.
/// PostgreSQL refuses to run as root, so when we are root the cluster belongs to, and runs as, the `postgres` user;
/// if that user cannot reach `directory` (a checkout inside a private folder), the cluster lives under
/// `/var/lib/switchyard/clusters/` and `directory` becomes a symbolic link to it.
public struct EmbeddedPostgres: Sendable {
    public static let superuser = "switchyard"
    static let relocationRoot = URL(fileURLWithPath: "/var/lib/switchyard/clusters")

    public let directory: URL
    /// Where the cluster really is: `directory`, or its relocated home.
    public let clusterDirectory: URL
    public let port: Int
    public let binaries: URL
    /// Extra `postgresql.conf` lines written when the cluster is created.
    public let settings: [String]
    public let logger: Logger
    /// The superuser's password: the one on file, or a fresh one that `start()` writes before creating the cluster.
    let superuserPassword: String

    public init(directory: URL, port: Int, binaries: URL? = nil, settings: [String] = [], logger: Logger) throws {
        self.directory = directory.standardizedFileURL
        self.clusterDirectory =
            geteuid() == 0 && !Self.isReachableByOthers(self.directory)
            ? Self.relocationRoot.appendingPathComponent(
                Hex.encode(SHA256.hash(data: Data(self.directory.path.utf8)).prefix(8)))
            : self.directory
        self.port = port
        self.binaries = try binaries ?? Self.locateBinaries()
        self.settings = settings
        self.logger = logger
        let passwordFile = self.clusterDirectory.appendingPathComponent(Self.passwordFileName)
        self.superuserPassword =
            (try? String(contentsOf: passwordFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            ?? Hex.random(bytes: 24)
    }

    static let passwordFileName = "superuser-password"
    var passwordFile: URL { self.clusterDirectory.appendingPathComponent(Self.passwordFileName) }

    public var dataDirectory: URL { self.clusterDirectory.appendingPathComponent("data") }
    public var logFile: URL { self.clusterDirectory.appendingPathComponent("server.log") }

    /// The server's maintenance database, as the cluster's superuser.
    public var serverURL: DatabaseURL {
        DatabaseURL(
            host: "127.0.0.1", port: self.port, username: Self.superuser, password: self.superuserPassword, database: "postgres", tls: .disable)
    }

    /// Creates the cluster if needed, stops a leftover server of an earlier run, and starts it on `port`.
    public func start() async throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: self.clusterDirectory, withIntermediateDirectories: true)
        if self.clusterDirectory != self.directory, !fileManager.fileExists(atPath: self.directory.path) {
            try fileManager.createDirectory(at: self.directory.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fileManager.createSymbolicLink(at: self.directory, withDestinationURL: self.clusterDirectory)
            self.logger.info("the postgres user cannot reach this folder; the cluster lives in \(self.clusterDirectory.path)")
        }
        let isNew = !fileManager.fileExists(atPath: self.dataDirectory.appendingPathComponent("PG_VERSION").path)
        if isNew {
            try self.writePasswordFile()
        }
        if geteuid() == 0 {
            try await ProcessRunner.check("/bin/chown", ["-R", "postgres:postgres", self.clusterDirectory.path])
        }
        if isNew {
            self.logger.info("creating PostgreSQL cluster", metadata: ["directory": "\(self.dataDirectory.path)"])
            try await self.tool(
                "initdb",
                [
                    "-D", self.dataDirectory.path, "-U", Self.superuser, "--auth=scram-sha-256", "--pwfile=\(self.passwordFile.path)",
                    "--encoding=UTF8", "--locale=C", "--no-instructions",
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
        try await self.tool(
            "pg_ctl",
            [
                "-D", self.dataDirectory.path, "-l", self.logFile.path, "-w", "-t", "60", "-o", "-p \(self.port)", "start",
            ])
        self.logger.info("PostgreSQL started", metadata: ["port": "\(self.port)"])
        if !fileManager.fileExists(atPath: self.passwordFile.path) {
            try await self.requirePasswords()
        }
    }

    /// A cluster created before passwords were required trusts every local connection: give the superuser a password,
    /// keep it on file, and switch authentication to SCRAM.
    private func requirePasswords() async throws {
        self.logger.warning("this cluster trusted every local connection; switching it to password authentication")
        try await DatabaseAdministration.withConnection(to: self.serverURL, logger: self.logger) { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "ALTER ROLE \(Self.superuser) PASSWORD '\(self.superuserPassword)'"), logger: self.logger)
        }
        try self.writePasswordFile()
        let rules = self.dataDirectory.appendingPathComponent("pg_hba.conf")
        let original = try String(contentsOf: rules, encoding: .utf8)
        let converted = original.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("#")
                ? String(line) : String(line).replacingOccurrences(of: #"\btrust\s*$"#, with: "scram-sha-256", options: .regularExpression)
        }.joined(separator: "\n")
        // Rewritten in place, so the file keeps its owner (the postgres user when we are root).
        let handle = try FileHandle(forWritingTo: rules)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(converted.utf8))
        try handle.close()
        try await self.tool("pg_ctl", ["-D", self.dataDirectory.path, "reload"])
    }

    private func writePasswordFile() throws {
        try PrivateFile.write(Data(self.superuserPassword.utf8), to: self.passwordFile)
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

    /// Whether every folder on the way to `url` lets other users through (what the `postgres` user needs).
    static func isReachableByOthers(_ url: URL) -> Bool {
        var folder = url.deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            if stat(folder.path, &info) == 0, info.st_mode & S_IXOTH == 0 { return false }
            folder = folder.deletingLastPathComponent()
        }
        return true
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
