import Foundation
import Kernel
import Logging
import PostgresNIO
import Synchronization
import TestSupport
import Testing

@testable import Storage

struct Greeting: JobPayload {
    static let kind = "test.greeting"
    var name: String
}

struct Flaky: JobPayload {
    static let kind = "test.flaky"
    static let maxAttempts = 3
}

struct Report: JobPayload {
    static let kind = "test.report"
    static let isTracked = true
}

func job(_ id: JobID, tenant: TenantID, _ database: Database) async throws -> JobRecord? {
    try await database.withTenant(tenant) { try await JobQueue.find(id, in: $0) }
}

@Suite struct JobQueueTests {
    @Test func aJobEnqueuedInARolledBackTransactionNeverExists() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await environment.database.withTenant(tenant) { transaction in
                    try await JobQueue.enqueue(Greeting(name: "ghost"), in: transaction)
                    throw Abort()
                }
            }
            let count = try await environment.database.withSystem { try await $0.query("SELECT count(*)::int FROM platform.jobs").collect() }
            #expect(try count.first?.decode(Int.self) == 0)
        }
    }

    @Test func aCommittedJobRunsOnceAndKeepsItsResult() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let runs = Mutex<[String]>([])
            var registry = JobRegistry()
            registry.register(Greeting.self) { payload, context in
                #expect(context.tenant == tenant)
                runs.withLock { $0.append(payload.name) }
                return try JobResult(["greeting": "hello \(payload.name)"])
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "ada"), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the job succeeds") { try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded }
            }
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.attempts == 1)
            #expect(record.result == #"{"greeting": "hello ada"}"#)
            #expect(runs.withLock { $0 } == ["ada"])
        }
    }

    @Test func anEnqueuedJobWakesAnIdleWorkerLongBeforeItsPollInterval() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            var registry = JobRegistry()
            registry.register(Greeting.self) { _, _ in .none }
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .seconds(60)
            configuration.maintenanceInterval = .seconds(60)
            let worker = JobWorker(database: environment.database, registry: registry, configuration: configuration, logger: Logger(label: "worker"))
            try await withRunningWorker(worker) {
                // Let the worker claim nothing, fall asleep and start listening.
                try await Task.sleep(for: .milliseconds(500))
                let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "wake"), in: $0) }
                try await eventually(within: 5, "the notified worker runs the job") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded
                }
            }
        }
    }

    @Test func aUniqueKeyAllowsOnlyOnePendingJob() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let options = JobOptions(uniqueKey: "instance:7")
            let (first, second, other) = try await environment.database.withTenant(tenant) { transaction in
                (
                    try await JobQueue.enqueue(Greeting(name: "a"), options: options, in: transaction),
                    try await JobQueue.enqueue(Greeting(name: "b"), options: options, in: transaction),
                    try await JobQueue.enqueue(Greeting(name: "c"), options: JobOptions(uniqueKey: "instance:8"), in: transaction)
                )
            }
            #expect(!first.alreadyPending)
            #expect(second == EnqueuedJob(id: first.id, alreadyPending: true))
            #expect(other.id != first.id)
            // Another tenant's key is its own.
            let elsewhere = try await environment.database.withTenant(.random()) {
                try await JobQueue.enqueue(Greeting(name: "d"), options: options, in: $0)
            }
            #expect(!elsewhere.alreadyPending)
        }
    }

    @Test func aBatchSkipsKeysThatAlreadyHaveAPendingJob() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let added = try await environment.database.withTenant(tenant) { transaction in
                try await JobQueue.enqueue(Greeting(name: "a"), options: JobOptions(uniqueKey: "event:1"), in: transaction)
                return try await JobQueue.enqueueBatch(
                    [Greeting(name: "a"), Greeting(name: "b"), Greeting(name: "b")], uniqueKeys: ["event:1", "event:2", "event:2"],
                    in: transaction)
            }
            #expect(added == 1, "event:1 was pending already and event:2 repeats within the batch")
            let keys = try await environment.ownerClient.query("SELECT unique_key FROM platform.jobs ORDER BY id").collect()
            #expect(try keys.map { try $0.decode(String?.self) } == ["event:1", "event:2"])
        }
    }

    @Test func failuresRetryWithGrowingBackoffThenTheJobIsDead() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            struct Boom: Error {}
            var registry = JobRegistry()
            registry.register(Flaky.self, retryPolicy: RetryPolicy(baseSeconds: 0.05, capSeconds: 1, jitter: 0)) { _, _ in throw Boom() }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Flaky(), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the job is dead") { try await job(enqueued.id, tenant: tenant, environment.database)?.state == .dead }
            }
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.attempts == 3)
            #expect(record.lastError?.contains("Boom") == true)
            #expect(record.finishedAt != nil)
        }
    }

    @Test func aFailedAttemptIsScheduledAfterItsBackoff() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            struct Boom: Error {}
            var registry = JobRegistry()
            registry.register(Flaky.self, retryPolicy: RetryPolicy(baseSeconds: 600, capSeconds: 3600, jitter: 0)) { _, _ in throw Boom() }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Flaky(), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the attempt is recorded") {
                    let record = try await job(enqueued.id, tenant: tenant, environment.database)
                    return record?.attempts == 1 && record?.state == .pending
                }
            }
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.runAt.timeIntervalSinceNow > 590)
        }
    }

    @Test func aPermanentFailureGoesStraightToDeadAndRetryRevivesIt() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let calls = Mutex(0)
            var registry = JobRegistry()
            registry.register(Flaky.self) { _, _ in
                let call = calls.withLock { value -> Int in
                    value += 1
                    return value
                }
                if call == 1 { throw JobFailure.permanent("the channel rejected the credentials") }
                return .none
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Flaky(), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the job is dead") { try await job(enqueued.id, tenant: tenant, environment.database)?.state == .dead }
                let dead = try await job(enqueued.id, tenant: tenant, environment.database)
                #expect(dead?.attempts == 1)
                #expect(dead?.lastError == "the channel rejected the credentials")
                try await environment.database.withTenant(tenant) { try await JobQueue.retry(enqueued.id, in: $0) }
                try await eventually("the retried job succeeds") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded
                }
            }
            await #expect(throws: JobQueueError.invalidTransition(enqueued.id, from: .succeeded)) {
                try await environment.database.withTenant(tenant) { try await JobQueue.cancel(enqueued.id, in: $0) }
            }
        }
    }

    @Test func trackedJobsReportProgressToTheJobTray() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let release = Mutex(false)
            var registry = JobRegistry()
            registry.register(Report.self) { _, context in
                try await context.reportProgress(percent: 40, message: "400 of 1000 rows")
                while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
                return .none
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Report(), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("progress is visible") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.progressMessage == "400 of 1000 rows"
                }
                let running = try await job(enqueued.id, tenant: tenant, environment.database)
                #expect(running?.state == .running)
                #expect(running?.progressPercent == 40)
                release.withLock { $0 = true }
                try await eventually("the job finishes") { try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded }
            }
            let tray = try await environment.database.withTenant(tenant) { try await JobQueue.tray(page: PageRequest(first: 10), in: $0) }
            #expect(tray.items.map(\.id) == [enqueued.id])
            #expect(tray.items.first?.progressPercent == 100)
            let otherTray = try await environment.database.withTenant(.random()) { try await JobQueue.tray(page: PageRequest(first: 10), in: $0) }
            #expect(otherTray.items.isEmpty)
        }
    }

    @Test func aJobWhoseWorkerDiedRunsAgainAfterItsLeaseExpires() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "orphan"), in: $0) }
            // A worker claims the job with a one-second lease and then dies: it never renews or records anything.
            let crashed = JobStore(database: environment.database, workerID: "crashed-worker", leaseSeconds: 1)
            let claimed = try await crashed.claim(limit: 10)
            #expect(claimed.map(\.id) == [enqueued.id])

            var registry = JobRegistry()
            registry.register(Greeting.self) { _, _ in .none }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the orphaned job succeeds") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded
                }
            }
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.attempts == 2)
        }
    }

    @Test func aRunningJobKeepsItsLeaseWhileItsWorkerLives() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            var registry = JobRegistry()
            registry.register(Greeting.self) { _, _ in
                try await Task.sleep(for: .seconds(7))
                return .none
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "slow"), in: $0) }
            // The job outlives its lease more than twice over; a lease of a few seconds leaves room for a loaded machine.
            try await withRunningWorker(fastWorker(environment.database, registry, lease: 3)) {
                try await eventually("the slow job succeeds") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded
                }
            }
            #expect(try await job(enqueued.id, tenant: tenant, environment.database)?.attempts == 1)
        }
    }

    @Test func gracefulShutdownLetsRunningJobsFinishAndRecordsThem() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let started = Mutex(false)
            var registry = JobRegistry()
            registry.register(Greeting.self) { _, _ in
                started.withLock { $0 = true }
                try await Task.sleep(for: .milliseconds(500))
                return .none
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "x"), in: $0) }
            let worker = fastWorker(environment.database, registry)
            let running = Task { try await worker.run() }
            try await eventually("the job starts") { started.withLock { $0 } }
            worker.stop()
            try await running.value
            #expect(try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded)
        }
    }

    @Test func cancellingAWorkerStopsItEvenWhileIdle() async throws {
        try await TestDatabase.withFresh { environment in
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .seconds(60)
            let worker = JobWorker(database: environment.database, registry: JobRegistry(), configuration: configuration, logger: Logger(label: "w"))
            let running = Task { try await worker.run() }
            try await Task.sleep(for: .milliseconds(300))
            let returned = Mutex(false)
            Task {
                _ = try? await running.value
                returned.withLock { $0 = true }
            }
            running.cancel()
            try await eventually(within: 5, "the cancelled worker returns") { returned.withLock { $0 } }
        }
    }

    @Test func schedulesEnqueueOneJobPerSlotAndNeverPileUp() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.upsert(name: "greet:hourly", payload: Greeting(name: "tick"), everyMinutes: 60, in: transaction)
            }
            let store = JobStore(database: environment.database, workerID: "scheduler", leaseSeconds: 60)
            #expect(try await store.enqueueDueSchedules() == 1)
            #expect(try await store.enqueueDueSchedules() == 0)
            // Force the schedule due again while its first job is still pending: no second pending job.
            try await environment.database.withTenant(tenant) { transaction in
                try await transaction.query("UPDATE platform.job_schedules SET next_run_at = now() - interval '1 minute'")
            }
            #expect(try await store.enqueueDueSchedules() == 0)
            let schedules = try await environment.database.withTenant(tenant) { try await JobSchedules.list(in: $0) }
            #expect(schedules.count == 1)
            #expect(schedules[0].nextRunAt.timeIntervalSinceNow > 3500)
            let kinds = try await environment.database.withTenant(tenant) { transaction in
                var kinds: [String] = []
                for try await kind in try await transaction.query("SELECT kind FROM platform.jobs").decode(String.self) { kinds.append(kind) }
                return kinds
            }
            #expect(kinds == [Greeting.kind])
            let remaining = try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.remove(name: "greet:hourly", in: transaction)
                return try await JobSchedules.list(in: transaction)
            }
            #expect(remaining.isEmpty)
        }
    }

    @Test func aHandlerThatOverrunsItsTimeoutIsCancelledAndRetried() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            var registry = JobRegistry()
            registry.register(Flaky.self, retryPolicy: RetryPolicy(baseSeconds: 0.05, capSeconds: 0.1, jitter: 0), timeoutSeconds: 0.2) { _, _ in
                try await Task.sleep(for: .seconds(3600))
                return .none
            }
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Flaky(), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("the job is dead after three timed-out attempts") {
                    try await job(enqueued.id, tenant: tenant, environment.database)?.state == .dead
                }
            }
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.attempts == 3)
            #expect(record.lastError == "the handler did not finish within 0.2 s")
        }
    }

    @Test func aJobOfAnUnregisteredKindIsDeadWithAReason() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "lost"), in: $0) }
            try await withRunningWorker(fastWorker(environment.database, JobRegistry())) {
                try await eventually("the job is dead") { try await job(enqueued.id, tenant: tenant, environment.database)?.state == .dead }
            }
            #expect(try await job(enqueued.id, tenant: tenant, environment.database)?.lastError?.contains("no handler") == true)
        }
    }
}

@Suite struct RetryPolicyTests {
    @Test func delaysDoubleUpToTheCapAndJitterOnlyShortensThem() {
        let policy = RetryPolicy(baseSeconds: 5, capSeconds: 60, jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, unit: 0) == 5)
        #expect(policy.delay(afterAttempt: 2, unit: 0) == 10)
        #expect(policy.delay(afterAttempt: 4, unit: 0) == 40)
        #expect(policy.delay(afterAttempt: 5, unit: 0) == 60)
        #expect(policy.delay(afterAttempt: 500, unit: 0) == 60)
        #expect(policy.delay(afterAttempt: 2, unit: 0.999) > 5)
        #expect(policy.delay(afterAttempt: 2, unit: 0.5) == 7.5)
    }
}
