import Crypto
import Foundation
import Kernel

/// One `Schema/migrations/<context>/NNNN_name.sql` file.
public struct MigrationFile: Sendable, Equatable {
    /// The folder, which is also the PostgreSQL schema the context owns.
    public let context: String
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String

    public var path: String { "\(self.context)/\(String(format: "%04d", self.version))_\(self.name).sql" }

    public init(context: String, version: Int, name: String, sql: String) {
        self.context = context
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = Hex.encode(SHA256.hash(data: Data(sql.utf8)))
    }

    /// The context whose tables every other context may rely on; it is migrated first.
    public static let platformContext = "platform"

    /// Reads every migration under `directory`, `platform` first and then contexts by name, each by version.
    public static func discover(in directory: URL) throws -> [MigrationFile] {
        let fileManager = FileManager.default
        guard let contexts = try? fileManager.contentsOfDirectory(atPath: directory.path) else {
            throw StorageError.invalidMigrationFile(path: directory.path, reason: "the migrations folder does not exist")
        }
        var files: [MigrationFile] = []
        for context in contexts.sorted() where !context.hasPrefix(".") {
            let folder = directory.appendingPathComponent(context)
            guard context.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw StorageError.invalidMigrationFile(path: folder.path, reason: "context folders are lower-case schema names")
            }
            var seenVersions: Set<Int> = []
            for entry in try fileManager.contentsOfDirectory(atPath: folder.path).sorted() where !entry.hasPrefix(".") {
                let file = try Self.parse(entry, context: context, folder: folder)
                guard seenVersions.insert(file.version).inserted else {
                    throw StorageError.invalidMigrationFile(path: "\(context)/\(entry)", reason: "version \(file.version) is used twice")
                }
                files.append(file)
            }
        }
        return files.sorted { lhs, rhs in
            let lhsRank = lhs.context == Self.platformContext ? 0 : 1
            let rhsRank = rhs.context == Self.platformContext ? 0 : 1
            return (lhsRank, lhs.context, lhs.version) < (rhsRank, rhs.context, rhs.version)
        }
    }

    private static func parse(_ entry: String, context: String, folder: URL) throws -> MigrationFile {
        let path = "\(context)/\(entry)"
        guard entry.hasSuffix(".sql") else {
            throw StorageError.invalidMigrationFile(path: path, reason: "migrations are .sql files named NNNN_name.sql")
        }
        let stem = entry.dropLast(4)
        let parts = stem.split(separator: "_", maxSplits: 1)
        guard parts.count == 2, parts[0].count == 4, let version = Int(parts[0]), version > 0, !parts[1].isEmpty else {
            throw StorageError.invalidMigrationFile(path: path, reason: "the name must be NNNN_name.sql with a four-digit version from 0001")
        }
        let data = try Data(contentsOf: folder.appendingPathComponent(entry))
        guard let sql = String(data: data, encoding: .utf8) else {
            throw StorageError.invalidMigrationFile(path: path, reason: "the file is not UTF-8")
        }
        return MigrationFile(context: context, version: version, name: String(parts[1]), sql: sql)
    }
}
