import Foundation
import Logging
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct MigratorTests {
    let logger = Logger(label: "migrator-tests")

    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        for (path, sql) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try sql.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test func platformComesFirstThenContextsByNameThenVersion() throws {
        let root = try self.folder([
            "orders/0002_b.sql": "SELECT 1", "orders/0001_a.sql": "SELECT 1", "catalog/0001_a.sql": "SELECT 1", "platform/0001_a.sql": "SELECT 1",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try MigrationFile.discover(in: root)
        #expect(files.map(\.path) == ["platform/0001_a.sql", "catalog/0001_a.sql", "orders/0001_a.sql", "orders/0002_b.sql"])
    }

    @Test(arguments: ["orders/1_a.sql", "orders/0001.sql", "orders/0001_a.txt", "Orders/0001_a.sql"])
    func badlyNamedFilesAreRefused(path: String) throws {
        let root = try self.folder([path: "SELECT 1"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: StorageError.self) { try MigrationFile.discover(in: root) }
    }

    @Test func aVersionUsedTwiceIsRefused() throws {
        let root = try self.folder(["orders/0001_a.sql": "SELECT 1", "orders/0001_b.sql": "SELECT 1"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: StorageError.self) { try MigrationFile.discover(in: root) }
    }

    @Test func appliesOnceRecordsChecksumsAndRefusesAnEditedMigration() async throws {
        let url = try await TestDatabase.emptyDatabaseURL()
        let role = TestDatabase.applicationRole
        let original = MigrationFile(context: "orders", version: 1, name: "orders", sql: "CREATE TABLE orders.orders (id int PRIMARY KEY);")
        try await DatabaseAdministration.withClient(url, logger: self.logger) { client in
            let first = try await Migrator(files: [original], applicationRole: role, logger: self.logger).migrate(owner: client)
            #expect(first.map(\.path) == ["orders/0001_orders.sql"])
            let second = try await Migrator(files: [original], applicationRole: role, logger: self.logger).migrate(owner: client)
            #expect(second.isEmpty)

            let edited = MigrationFile(context: "orders", version: 1, name: "orders", sql: "CREATE TABLE orders.orders (id bigint PRIMARY KEY);")
            await #expect(throws: StorageError.self) {
                try await Migrator(files: [edited], applicationRole: role, logger: self.logger).migrate(owner: client)
            }
            let rows = try await client.query("SELECT context, version, checksum FROM platform.schema_migrations").collect()
            #expect(rows.count == 1)
        }
    }

    @Test func aFailingMigrationLeavesNothingBehindAndNamesTheStatement() async throws {
        let url = try await TestDatabase.emptyDatabaseURL()
        let broken = MigrationFile(
            context: "orders", version: 1, name: "broken", sql: "CREATE TABLE orders.a (id int);\nCREATE TABLE orders.b (id nosuchtype);")
        try await DatabaseAdministration.withClient(url, logger: self.logger) { client in
            do {
                try await Migrator(files: [broken], applicationRole: TestDatabase.applicationRole, logger: self.logger).migrate(owner: client)
                Issue.record("the migration should have failed")
            } catch let error as StorageError {
                guard case .migrationFailed(let file, let statement, let reason) = error else { throw error }
                #expect(file == "orders/0001_broken.sql")
                #expect(statement == 2)
                #expect(reason.contains("nosuchtype"))
            }
            let tables = try await client.query("SELECT 1 FROM pg_tables WHERE schemaname = 'orders'").collect()
            #expect(tables.isEmpty)
        }
    }
}
