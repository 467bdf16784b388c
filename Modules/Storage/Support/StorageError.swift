import Foundation

/// Failures of the storage infrastructure itself (configuration, migrations, the embedded server).
public enum StorageError: Error, Equatable, CustomStringConvertible {
    case invalidDatabaseURL(String)
    case invalidMigrationFile(path: String, reason: String)
    case migrationChanged(context: String, version: Int, name: String, recorded: String, found: String)
    case migrationFailed(file: String, statement: Int, reason: String)
    case unsafeApplicationRole(String)
    case embeddedPostgres(String)
    case commandFailed(command: String, status: Int32, output: String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let reason):
            "Invalid DATABASE_URL: \(reason)."
        case .invalidMigrationFile(let path, let reason):
            "Invalid migration file \(path): \(reason)."
        case .migrationChanged(let context, let version, let name, let recorded, let found):
            "Migration \(context)/\(String(format: "%04d", version))_\(name).sql was changed after it was applied "
                + "(recorded checksum \(recorded.prefix(12)), file now \(found.prefix(12))). "
                + "Applied migrations are immutable: restore the file and add a new migration instead."
        case .migrationFailed(let file, let statement, let reason):
            "Migration \(file) failed at statement \(statement): \(reason)"
        case .unsafeApplicationRole(let reason):
            "Refusing to serve: \(reason)"
        case .embeddedPostgres(let reason):
            "Embedded PostgreSQL: \(reason)"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited with status \(status): \(output.suffix(2000))"
        }
    }
}
