import Logging
import Storage

/// Runs `worker` while `body` runs, then shuts it down gracefully and waits for it.
@discardableResult
public func withRunningWorker<Result: Sendable>(_ worker: JobWorker, _ body: @Sendable () async throws -> Result) async throws -> Result {
    let running = Task { try await worker.run() }
    do {
        let result = try await body()
        worker.stop()
        try await running.value
        return result
    } catch {
        worker.stop()
        _ = try? await running.value
        throw error
    }
}

/// A worker that polls every 50 ms, for tests that wait on jobs.
public func fastWorker(_ database: Database, _ registry: JobRegistry, lease: Double = 300) -> JobWorker {
    var configuration = JobWorker.Configuration()
    configuration.pollInterval = .milliseconds(50)
    configuration.maintenanceInterval = .milliseconds(100)
    configuration.leaseSeconds = lease
    return JobWorker(database: database, registry: registry, configuration: configuration, logger: Logger(label: "worker"))
}
