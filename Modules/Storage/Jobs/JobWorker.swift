import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// Runs jobs: claims due jobs up to its concurrency, runs each handler in its own task, writes outcomes back in
/// batches (group commit), renews its leases, reaps expired ones, enqueues due schedules and prunes old jobs.
/// On graceful shutdown it stops claiming, lets running jobs finish and records them.
public final class JobWorker: Service {
    public struct Configuration: Sendable {
        /// Jobs in flight at once.
        public var concurrency: Int = 32
        /// Most jobs claimed in one statement.
        public var claimBatch: Int = 100
        public var leaseSeconds: Double = 300
        /// Longest sleep when idle; `NOTIFY` wakes the worker sooner.
        public var pollInterval: Duration = .seconds(2)
        /// How often leases are renewed, expired ones reaped and schedules checked.
        public var maintenanceInterval: Duration = .seconds(5)
        public var retentionDays: Int = 7

        public init() {}
    }

    public let workerID: String
    let database: Database
    let registry: JobRegistry
    let configuration: Configuration
    let logger: Logger
    let store: JobStore

    private let work = Doorbell()
    private let capacity = Doorbell()
    private let flushes = Doorbell()
    private let inFlight = Mutex(0)
    private let stopping = Atomic(false)
    private let outcomes = Mutex<[JobOutcome]>([])
    private let running = RunningJobs()
    /// The jobs this worker holds, from their claim until their outcome is written or given up: the leases it renews, so
    /// a job waiting for a free task or for its outcome's write is never taken for abandoned.
    private let held = Mutex<Set<RunningJobs.Key>>([])
    /// Set by the poll timer: on its wake-up the dispatcher claims for any free slot, however few.
    private let pollDue = Atomic(false)
    /// The claim statement in flight, cancelled if it is still waiting on the database well after `stop()`.
    private let pendingClaim = Mutex<Task<[ClaimedJob], any Error>?>(nil)

    public init(database: Database, registry: JobRegistry, configuration: Configuration = Configuration(), logger: Logger) {
        self.workerID = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.database = database
        self.registry = registry
        self.configuration = configuration
        self.logger = logger
        self.store = JobStore(database: database, workerID: self.workerID, leaseSeconds: configuration.leaseSeconds)
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { background in
                background.addTask { await self.listenForNewJobs() }
                background.addTask { await self.maintain() }
                background.addTask { await self.tick() }
                await withDiscardingTaskGroup { jobs in
                    jobs.addTask { await self.flushOutcomes() }
                    await self.dispatch(into: &jobs)
                }
                background.cancelAll()
            }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Stops claiming; running jobs finish and are recorded before `run()` returns.
    public func stop() {
        self.stopping.store(true, ordering: .sequentiallyConsistent)
        if let claim = self.pendingClaim.withLock({ $0 }) { Self.cancel(claim, afterGrace: Self.claimGraceAtShutdown) }
        self.work.ring()
        self.capacity.ring()
        self.flushes.ring()
    }

    /// How long a claim already in flight at `stop()` may still take: a healthy database answers within it and the jobs
    /// it claimed run; an unreachable one must not hold up shutdown.
    static let claimGraceAtShutdown: Duration = .seconds(2)

    private static func cancel(_ claim: Task<[ClaimedJob], any Error>, afterGrace grace: Duration) {
        Task {
            try await Task.sleep(for: grace)
            claim.cancel()
        }
    }

    private var isStopping: Bool { self.stopping.load(ordering: .relaxed) || Task.isCancelled }

    private func dispatch(into jobs: inout DiscardingTaskGroup) async {
        // While jobs are in flight, wait until a good batch can be claimed: claiming one job per freed slot would cost a
        // transaction per job. The poll timer lifts that, so a few free slots never stay idle behind long jobs.
        let worthClaiming = max(1, min(self.configuration.claimBatch, self.configuration.concurrency / 2))
        while !self.isStopping {
            let running = self.inFlight.withLock { $0 }
            let free = self.configuration.concurrency - running
            let polled = self.pollDue.exchange(false, ordering: .relaxed)
            guard free > 0, free >= worthClaiming || running == 0 || polled else {
                await self.capacity.wait()
                continue
            }
            let claimed: [ClaimedJob]
            do {
                claimed = try await self.claim(limit: min(free, self.configuration.claimBatch))
            } catch {
                if !self.isStopping {
                    self.logger.error("claiming jobs failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                await self.work.wait()
                continue
            }
            if claimed.isEmpty {
                await self.work.wait()
                continue
            }
            self.inFlight.withLock { $0 += claimed.count }
            self.held.withLock { $0.formUnion(claimed.map(RunningJobs.Key.init)) }
            for job in claimed {
                jobs.addTask {
                    let outcome = await self.execute(job)
                    self.outcomes.withLock { $0.append(outcome) }
                    self.inFlight.withLock { $0 -= 1 }
                    self.flushes.ring()
                    self.capacity.ring()
                }
            }
        }
        self.flushes.ring()
    }

    /// Claims in a task of its own that `stop()` can cancel, so a database that does not answer cannot hold up shutdown.
    private func claim(limit: Int) async throws -> [ClaimedJob] {
        let task = Task { try await self.store.claim(limit: limit) }
        self.pendingClaim.withLock { $0 = task }
        // `stop()` may have looked for a claim to cancel just before this one was registered.
        if self.stopping.load(ordering: .sequentiallyConsistent) { Self.cancel(task, afterGrace: Self.claimGraceAtShutdown) }
        defer { self.pendingClaim.withLock { $0 = nil } }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    private func execute(_ job: ClaimedJob) async -> JobOutcome {
        guard let handler = self.registry.handlers[job.kind] else {
            return .failed(job, error: "no handler is registered for job kind '\(job.kind)'", retryInSeconds: 0, permanent: true)
        }
        var logger = self.logger
        logger[metadataKey: "job.id"] = "\(job.id)"
        logger[metadataKey: "job.kind"] = "\(job.kind)"
        logger[metadataKey: "tenant"] = "\(job.tenantID)"
        let context = JobContext(job: job, database: self.database, logger: logger, workerID: self.workerID)
        do {
            let result = try await self.running.run(RunningJobs.Key(job), timeoutSeconds: handler.timeoutSeconds) {
                try await handler.run(job.payload, context)
            }
            return .succeeded(job, result)
        } catch JobFailure.permanent(let reason) {
            return .failed(job, error: reason, retryInSeconds: 0, permanent: true)
        } catch JobFailure.retryAfter(let seconds, let reason) {
            return .failed(job, error: reason, retryInSeconds: max(seconds, 0), permanent: false)
        } catch {
            logger.warning("job attempt failed", metadata: ["attempt": "\(job.attempt)", "error": "\(String(reflecting: error))"])
            return .failed(
                job, error: JobFailure.reason(of: error), retryInSeconds: handler.retryPolicy.delay(afterAttempt: job.attempt), permanent: false)
        }
    }

    /// Group commit: whatever finished while the previous write was in flight is written together.
    private func flushOutcomes() async {
        while true {
            let batch = self.outcomes.withLock { outcomes in
                defer { outcomes.removeAll(keepingCapacity: true) }
                return outcomes
            }
            if batch.isEmpty {
                // A job appends its outcome before it leaves `inFlight`, so once none is in flight one last drain
                // catches an outcome that arrived after the drain above.
                if self.isStopping && self.inFlight.withLock({ $0 }) == 0 {
                    let last = self.outcomes.withLock { outcomes in
                        defer { outcomes.removeAll() }
                        return outcomes
                    }
                    if !last.isEmpty { await self.record(last) }
                    return
                }
                // Cancelled (not stopped gracefully): outcomes still to come are left to lease expiry.
                if Task.isCancelled { return }
                await self.flushes.wait()
                continue
            }
            await self.record(batch)
        }
    }

    /// Writes a batch of outcomes. If the database stays unreachable, the rest of the batch is dropped: those jobs'
    /// leases expire and they run again, which the queue promises anyway (at least once). Waiting instead would hold up
    /// shutdown for as long as the database is away.
    private func record(_ batch: [JobOutcome]) async {
        defer { self.held.withLock { $0.subtract(batch.map { RunningJobs.Key($0.job) }) } }
        var successes: [(ClaimedJob, JobResult)] = []
        var failures: [(ClaimedJob, String, Double, Bool)] = []
        for outcome in batch {
            switch outcome {
            case .succeeded(let job, let result): successes.append((job, result))
            case .failed(let job, let error, let delay, let permanent): failures.append((job, error, delay, permanent))
            }
        }
        for (index, (job, error, delay, permanent)) in failures.enumerated() {
            let written = await self.retrying("recording a failed job") {
                try await self.store.fail(job, error: error, retryInSeconds: delay, permanent: permanent)
            }
            guard written else {
                self.logger.error(
                    "giving up on recording \(failures.count - index + successes.count) job outcomes; their leases will expire and they run again")
                return
            }
        }
        do {
            try await self.store.complete(successes)
        } catch let error where SQLState(of: error)?.isDataException == true {
            // One result the database refuses must not sink the others: write them one by one.
            for success in successes { await self.recordAlone(success) }
        } catch {
            await self.retrying("recording finished jobs") { try await self.store.complete(successes) }
        }
    }

    /// Writes one success; a result the database cannot store fails the job for good, with the reason.
    private func recordAlone(_ success: (ClaimedJob, JobResult)) async {
        do {
            try await self.store.complete([success])
        } catch let error where SQLState(of: error)?.isDataException == true {
            await self.retrying("recording a job whose result cannot be stored") {
                try await self.store.fail(
                    success.0, error: "the handler succeeded but its result cannot be stored: \(String(reflecting: error))",
                    retryInSeconds: 0, permanent: true)
            }
        } catch {
            await self.retrying("recording a finished job") { try await self.store.complete([success]) }
        }
    }

    /// Outcome writes are retried briefly (once while stopping); returns whether the write went through.
    @discardableResult
    private func retrying(_ what: String, _ operation: () async throws -> Void) async -> Bool {
        let attempts = self.isStopping ? 1 : 5
        for attempt in 1...attempts {
            do {
                try await operation()
                return true
            } catch {
                self.logger.error("\(what) failed", metadata: ["attempt": "\(attempt)", "error": "\(String(reflecting: error))"])
                if attempt < attempts { try? await Task.sleep(for: .milliseconds(100 * attempt * attempt)) }
            }
        }
        return false
    }

    private func maintain() async {
        while !Task.isCancelled {
            self.running.cancelOverdue()
            // Each step on its own: one failing (say, pruning) must not stop leases being renewed.
            await self.maintenanceStep("renewing leases") { try await self.store.heartbeat(self.held.withLock { Array($0) }) }
            await self.maintenanceStep("reaping expired leases") {
                if try await self.store.reapExpiredLeases() > 0 { self.work.ring() }
            }
            await self.maintenanceStep("enqueuing due schedules") {
                if try await self.store.enqueueDueSchedules() > 0 { self.work.ring() }
            }
            await self.maintenanceStep("pruning finished jobs") {
                try await self.store.pruneFinished(retentionDays: self.configuration.retentionDays)
            }
            try? await Task.sleep(for: self.configuration.maintenanceInterval)
        }
    }

    private func maintenanceStep(_ what: String, _ step: () async throws -> Void) async {
        guard !Task.isCancelled else { return }
        do {
            try await step()
        } catch {
            if Task.isCancelled { return }
            self.logger.error("job maintenance failed: \(what)", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// The dispatcher's only timer: wakes it every poll interval, so a missed notification costs at most that long.
    private func tick() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: self.configuration.pollInterval)
            self.pollDue.store(true, ordering: .relaxed)
            self.work.ring()
            self.capacity.ring()
        }
    }

    /// Holds one connection that `LISTEN`s for new jobs; reconnects after failures.
    private func listenForNewJobs() async {
        while !Task.isCancelled {
            do {
                try await self.database.client.withConnection { connection in
                    try await connection.listen(on: "switchyard_jobs") { notifications in
                        for try await _ in notifications { self.work.ring() }
                    }
                }
            } catch {
                if Task.isCancelled { return }
                self.logger.warning("job notifications interrupted", metadata: ["error": "\(String(reflecting: error))"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
