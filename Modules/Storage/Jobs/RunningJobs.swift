import Foundation
import Kernel
import Synchronization

/// The handler tasks a worker is running, with their deadlines, so that one watchdog can cancel those that overrun
/// instead of every job racing a timer of its own.
final class RunningJobs: Sendable {
    /// One attempt of one job: a worker can hold an old attempt of a job whose lease expired and its new one at once.
    struct Key: Hashable, Sendable {
        let tenantID: TenantID
        let id: JobID
        let attempt: Int
    }

    private struct Entry {
        let task: Task<JobResult, any Error>
        let deadline: ContinuousClock.Instant
    }

    private let entries = Mutex<[Key: Entry]>([:])
    private let timedOut = Mutex<Set<Key>>([])

    /// Runs `operation` as a cancellable task registered under `id` until it finishes.
    func run(_ id: Key, timeoutSeconds: Double, _ operation: @escaping @Sendable () async throws -> JobResult) async throws -> JobResult {
        let task = Task { try await operation() }
        self.entries.withLock { $0[id] = Entry(task: task, deadline: .now + .seconds(timeoutSeconds)) }
        defer { self.entries.withLock { _ = $0.removeValue(forKey: id) } }
        let result = await withTaskCancellationHandler {
            await task.result
        } onCancel: {
            task.cancel()
        }
        if self.timedOut.withLock({ $0.remove(id) }) != nil {
            throw JobTimedOut(seconds: timeoutSeconds)
        }
        return try result.get()
    }

    /// Cancels every task past its deadline; its `run` then throws `JobTimedOut`.
    func cancelOverdue(now: ContinuousClock.Instant = .now) {
        let overdue = self.entries.withLock { entries in entries.filter { $0.value.deadline < now } }
        self.timedOut.withLock { $0.formUnion(overdue.keys) }
        for entry in overdue.values { entry.task.cancel() }
    }
}

/// A handler ran longer than its registered timeout; the attempt counts as failed and is retried with backoff.
struct JobTimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "the handler did not finish within \(self.seconds.formatted()) s" }
}

extension RunningJobs.Key {
    init(_ job: ClaimedJob) {
        self.init(tenantID: job.tenantID, id: job.id, attempt: job.attempt)
    }
}
