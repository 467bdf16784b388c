import ArgumentParser
import Logging
import Storage

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations from Schema/migrations as the owner role (DATABASE_URL) and grant the application role.")

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "migrate")
        let applied = try await DatabaseConnections.migrate(
            configuration: environment.configuration, owner: try environment.ownerURL(), logger: environment.logger)
        print(applied.isEmpty ? "Database is up to date." : "Applied \(applied.count) migration(s): \(applied.map(\.path).joined(separator: ", "))")
    }
}
