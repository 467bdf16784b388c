import Foundation
import Logging
import PostgresNIO
import Storage
import TestSupport
import Testing

@testable import Storage

@Suite struct EmbeddedPostgresTests {
    /// One plain connection, no pool: a refused password fails at once instead of being retried.
    static func connects(_ url: DatabaseURL) async -> Bool {
        let configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.username, password: url.password, database: url.database, tls: .disable)
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "probe"))
            try await connection.close()
            return true
        } catch {
            return false
        }
    }

    @Test func aClusterAdmitsOnlyItsPasswordAndAnOldTrustingClusterIsConverted() async throws {
        let folder = URL(fileURLWithPath: "/tmp/switchyard-embedded-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let port = try TestServer.freePort()
        let logger = Logger(label: "embedded")
        let cluster = try EmbeddedPostgres(directory: folder.appendingPathComponent("postgres"), port: port, logger: logger)
        try await cluster.start()
        #expect(await Self.connects(cluster.serverURL))
        #expect(!(await Self.connects(cluster.serverURL.with(username: EmbeddedPostgres.superuser, password: "wrong"))))
        let attributes = try FileManager.default.attributesOfItem(atPath: cluster.passwordFile.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        try await cluster.stop()

        // Make it look like a cluster from before passwords: trust everywhere, no password on file.
        let rules = cluster.dataDirectory.appendingPathComponent("pg_hba.conf")
        let trusting = try String(contentsOf: rules, encoding: .utf8).replacingOccurrences(of: "scram-sha-256", with: "trust")
        let handle = try FileHandle(forWritingTo: rules)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(trusting.utf8))
        try handle.close()
        try FileManager.default.removeItem(at: cluster.passwordFile)

        let reopened = try EmbeddedPostgres(directory: folder.appendingPathComponent("postgres"), port: port, logger: logger)
        try await reopened.start()
        #expect(await Self.connects(reopened.serverURL))
        #expect(!(await Self.connects(reopened.serverURL.with(username: EmbeddedPostgres.superuser, password: "wrong"))))
        #expect(FileManager.default.fileExists(atPath: reopened.passwordFile.path))
        try await reopened.stop()
    }
}
