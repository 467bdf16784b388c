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
