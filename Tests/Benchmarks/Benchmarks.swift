import Foundation
import Logging
import PostgresNIO

/// `swift run -c release Benchmarks [jobs] [health] [query] [webhooks] [reservations]`: prints figures; asserts nothing. Run from the repository root.
@main
struct Benchmarks {
    static func main() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let selected = Set(CommandLine.arguments.dropFirst())
        if selected.isEmpty || selected.contains("query") { try await QueryBenchmark.run() }
        guard selected.isEmpty || !selected.isDisjoint(with: ["jobs", "health", "webhooks", "reservations"]) else { return }
        let database = try await BenchmarkDatabase.start(logger: logger)
        do {
            if selected.isEmpty || selected.contains("jobs") { try await JobQueueBenchmark.run(database, logger: logger) }
            if selected.isEmpty || selected.contains("health") { try await HealthBenchmark.run(database, logger: logger) }
            if selected.isEmpty || selected.contains("webhooks") { try await WebhookBenchmark.run(database, logger: logger) }
            if selected.isEmpty || selected.contains("reservations") { try await ReservationBenchmark.run(database, logger: logger) }
        } catch {
            await database.stop()
            throw error
        }
        await database.stop()
    }
}
