import Foundation
import Kernel
import Logging
import PostgresNIO
import Synchronization
import TestSupport
import Testing

@testable import Storage

struct Nightly: JobPayload {
    static let kind = "test.nightly"
    static let maxAttempts = 2
    static let isTracked = true
}

/// Seconds until the lease of job `id` runs out (negative once it has).
func leaseLeft(_ id: JobID, _ database: Database) async throws -> Double {
    try await database.withSystem { transaction in
        let rows = try await transaction.query(
            "SELECT extract(epoch FROM locked_until - now())::float8 FROM platform.jobs WHERE id = \(id.rawValue)")
        for try await seconds in rows.decode(Double.self) { return seconds }
        return -.infinity
    }
}

/// Enqueues a greeting with a unique key for `tenant`.
func enqueueGreeting(_ name: String, key: String, tenant: TenantID, _ database: Database) async throws -> EnqueuedJob {
    try await database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: name), options: JobOptions(uniqueKey: key), in: $0) }
}

@Suite struct JobLeaseAndRecordingTests {
    @Test func ofExpiredJobsSharingAUniqueKeyOnlyTheNewestRunsAgain() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let key = "instance:1"
            let crashed = JobStore(database: environment.database, workerID: "crashed", leaseSeconds: 0.2)
            // A job with the key is claimed, a second with the same key is enqueued and claimed too: both run at once.
            let older = try await enqueueGreeting("1", key: key, tenant: tenant, environment.database)
            #expect(try await crashed.claim(limit: 10).map(\.id) == [older.id])
            let newer = try await enqueueGreeting("2", key: key, tenant: tenant, environment.database)
            #expect(try await crashed.claim(limit: 10).map(\.id) == [newer.id])
            try await Task.sleep(for: .milliseconds(400))

            #expect(try await crashed.reapExpiredLeases() == 2)
            #expect(try await job(newer.id, tenant: tenant, environment.database)?.state == .pending)
            let superseded = try #require(try await job(older.id, tenant: tenant, environment.database))
            #expect(superseded.state == .cancelled)
            #expect(superseded.lastError?.contains("superseded") == true)
            // The next pass finds nothing left to do rather than failing on the unique index every time.
            #expect(try await crashed.reapExpiredLeases() == 0)
        }
    }

    @Test func anExpiredJobDoesNotRunAgainWhileAnotherWithItsKeyIsPending() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let key = "instance:2"
            let crashed = JobStore(database: environment.database, workerID: "crashed", leaseSeconds: 0.2)
            let running = try await enqueueGreeting("1", key: key, tenant: tenant, environment.database)
            _ = try await crashed.claim(limit: 10)
            let pending = try await enqueueGreeting("2", key: key, tenant: tenant, environment.database)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await crashed.reapExpiredLeases() == 1)
            #expect(try await job(running.id, tenant: tenant, environment.database)?.state == .cancelled)
            #expect(try await job(pending.id, tenant: tenant, environment.database)?.state == .pending)
        }
    }

    @Test func aFailedJobWhoseKeyIsPendingAgainIsCancelledAsSuperseded() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let key = "instance:3"
            let store = JobStore(database: environment.database, workerID: "w", leaseSeconds: 60)
            _ = try await enqueueGreeting("1", key: key, tenant: tenant, environment.database)
            let claimed = try #require(try await store.claim(limit: 1).first)
            let pending = try await enqueueGreeting("2", key: key, tenant: tenant, environment.database)
            try await store.fail(claimed, error: "provider timed out", retryInSeconds: 1, permanent: false)
            let failed = try #require(try await job(claimed.id, tenant: tenant, environment.database))
            #expect(failed.state == .cancelled)
            #expect(failed.lastError == "provider timed out (superseded by a pending job with the same unique key)")
            #expect(try await job(pending.id, tenant: tenant, environment.database)?.state == .pending)
        }
    }

    @Test func theHeartbeatRenewsOnlyTheJobsStillRunning() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let short = JobStore(database: environment.database, workerID: "w", leaseSeconds: 5)
            try await environment.database.withTenant(tenant) { try await JobQueue.enqueueBatch([Greeting(name: "a"), Greeting(name: "b")], in: $0) }
            let claimed = try await short.claim(limit: 2)
            #expect(claimed.count == 2)
            let long = JobStore(database: environment.database, workerID: "w", leaseSeconds: 300)
            // A handler of an older attempt of the same job renews nothing.
            try await long.heartbeat([RunningJobs.Key(tenantID: tenant, id: claimed[1].id, attempt: claimed[1].attempt - 1)])
            try await long.heartbeat([RunningJobs.Key(tenantID: tenant, id: claimed[0].id, attempt: claimed[0].attempt)])
            #expect(try await leaseLeft(claimed[0].id, environment.database) > 200)
            // The other job's handler is done (or given up on): its lease is left to run out.
            #expect(try await leaseLeft(claimed[1].id, environment.database) < 6)
        }
    }

    @Test func aStaleAttemptCannotCompleteTheJobsNextAttempt() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let store = JobStore(database: environment.database, workerID: "w", leaseSeconds: 0.2)
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "a"), in: $0) }
            let first = try #require(try await store.claim(limit: 1).first)
            try await Task.sleep(for: .milliseconds(400))
            #expect(try await store.reapExpiredLeases() == 1)
            let second = try #require(try await store.claim(limit: 1).first)
            #expect(second.attempt == 2)
            // The first attempt's late outcome arrives while the second runs under the same worker id.
            try await store.complete([(first, .none)])
            try await store.fail(first, error: "late", retryInSeconds: 0, permanent: true)
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.state == .running)
            #expect(record.lastError?.hasPrefix("lease expired") == true)
            try await store.complete([(second, try JobResult(json: #"{"ok":true}"#))])
            #expect(try await job(enqueued.id, tenant: tenant, environment.database)?.state == .succeeded)
        }
    }

    @Test func aResultTheDatabaseCannotStoreFailsThatJobAloneWithTheReason() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            var registry = JobRegistry()
            // PostgreSQL's jsonb cannot hold a NUL character, though JSON can.
            registry.register(Greeting.self) { greeting, _ in try JobResult(["echo": greeting.name == "nul" ? "a\u{0}b" : greeting.name]) }
            let names = ["fine", "nul", "also fine"]
            try await environment.database.withTenant(tenant) { try await JobQueue.enqueueBatch(names.map { Greeting(name: $0) }, in: $0) }
            let ids = try await environment.database.withTenant(tenant) { transaction in
                var ids: [JobID] = []
                for try await id in try await transaction.query("SELECT id FROM platform.jobs ORDER BY id").decode(Int64.self) {
                    ids.append(JobID(id))
                }
                return ids
            }
            try await withRunningWorker(fastWorker(environment.database, registry)) {
                try await eventually("every job has an outcome") {
                    var finished = 0
                    for id in ids where try await job(id, tenant: tenant, environment.database)?.finishedAt != nil { finished += 1 }
                    return finished == 3
                }
            }
            let records = try await ids.asyncMap { try #require(try await job($0, tenant: tenant, environment.database)) }
            #expect(records.map(\.state) == [.succeeded, .dead, .succeeded])
            #expect(records[0].result == #"{"echo": "fine"}"#)
            #expect(records[1].lastError?.contains("result cannot be stored") == true)
        }
    }

    @Test func aRetryDelayOutOfRangeIsClampedInsteadOfFailingTheWrite() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let store = JobStore(database: environment.database, workerID: "w", leaseSeconds: 60)
            let enqueued = try await environment.database.withTenant(tenant) {
                try await JobQueue.enqueueBatch([Greeting(name: "a"), Greeting(name: "b")], in: $0)
            }
            #expect(enqueued == 2)
            let claimed = try await store.claim(limit: 2)
            try await store.fail(claimed[0], error: "Retry-After: forever", retryInSeconds: .infinity, permanent: false)
            try await store.fail(claimed[1], error: "Retry-After: 10^300", retryInSeconds: 1e300, permanent: false)
            let first = try #require(try await job(claimed[0].id, tenant: tenant, environment.database))
            let second = try #require(try await job(claimed[1].id, tenant: tenant, environment.database))
            #expect(first.state == .pending && second.state == .pending)
            #expect(first.runAt.timeIntervalSinceNow < 5)
            #expect(abs(second.runAt.timeIntervalSinceNow - JobStore.longestRetryDelay) < 60)
        }
    }

    @Test func aResultThatIsNotJSONIsRefusedWhenMade() {
        #expect(throws: JobFailure.permanent("the handler's result is not a JSON document")) { try JobResult(json: "{not json") }
        #expect(throws: Never.self) { try JobResult(json: #"[1, "two"]"#) }
    }

    @Test func anErrorMessageWithNULCharactersIsStoredWithoutThem() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let store = JobStore(database: environment.database, workerID: "w", leaseSeconds: 60)
            let enqueued = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "a"), in: $0) }
            let claimed = try #require(try await store.claim(limit: 1).first)
            try await store.fail(claimed, error: "bad\u{0}byte" + String(repeating: "x", count: 5000), retryInSeconds: 0, permanent: true)
            let record = try #require(try await job(enqueued.id, tenant: tenant, environment.database))
            #expect(record.state == .dead)
            #expect(record.lastError?.hasPrefix("badbytexx") == true)
            #expect(record.lastError?.count == JobErrorText.maximumLength)
        }
    }

    @Test func aFreeSlotIsFilledOnTheNextPollEvenWhileLongJobsRun() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let release = Mutex(false)
            var registry = JobRegistry()
            registry.register(Flaky.self) { _, _ in
                while !release.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(20)) }
                return .none
            }
            registry.register(Greeting.self) { _, _ in .none }
            var configuration = JobWorker.Configuration()
            configuration.concurrency = 4
            configuration.pollInterval = .milliseconds(100)
            configuration.maintenanceInterval = .milliseconds(100)
            let worker = JobWorker(database: environment.database, registry: registry, configuration: configuration, logger: Logger(label: "w"))
            try await environment.database.withTenant(tenant) { try await JobQueue.enqueueBatch([Flaky(), Flaky(), Flaky()], in: $0) }
            try await withRunningWorker(worker) {
                try await eventually("the three long jobs run") {
                    try await environment.database.withSystem { transaction in
                        let rows = try await transaction.query("SELECT count(*)::int FROM platform.jobs WHERE state = 'running'")
                        for try await count in rows.decode(Int.self) { return count == 3 }
                        return false
                    }
                }
                // One slot is free, fewer than the batch the dispatcher waits for while jobs are in flight.
                let quick = try await environment.database.withTenant(tenant) { try await JobQueue.enqueue(Greeting(name: "quick"), in: $0) }
                try await eventually(within: 3, "the quick job runs beside the long ones") {
                    try await job(quick.id, tenant: tenant, environment.database)?.state == .succeeded
                }
                release.withLock { $0 = true }
            }
        }
    }

    @Test func schedulesEnqueueWithTheirPayloadsAttemptsAndTrackingAndRememberTheJob() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.upsert(name: "nightly", payload: Nightly(), everyMinutes: 1440, in: transaction)
            }
            let store = JobStore(database: environment.database, workerID: "scheduler", leaseSeconds: 60)
            #expect(try await store.enqueueDueSchedules() == 1)
            let schedule = try #require(try await environment.database.withTenant(tenant) { try await JobSchedules.list(in: $0) }.first)
            let jobID = try #require(schedule.lastJobID)
            let enqueued = try #require(try await job(jobID, tenant: tenant, environment.database))
            #expect(enqueued.kind == Nightly.kind)
            #expect(enqueued.maxAttempts == 2)
            #expect(enqueued.tracked)
            #expect(enqueued.progressPercent == 0)
            #expect(schedule.nextRunAt.timeIntervalSinceNow > 1439 * 60)

            // Shortening the interval brings the next run to one new interval after the last.
            try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.upsert(name: "nightly", payload: Nightly(), everyMinutes: 30, in: transaction)
            }
            let shortened = try #require(try await environment.database.withTenant(tenant) { try await JobSchedules.list(in: $0) }.first)
            #expect(shortened.intervalMinutes == 30)
            #expect((29 * 60...31 * 60).contains(shortened.nextRunAt.timeIntervalSinceNow))
            // Upserting with the same interval keeps the slot.
            try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.upsert(name: "nightly", payload: Nightly(), everyMinutes: 30, in: transaction)
            }
            let kept = try #require(try await environment.database.withTenant(tenant) { try await JobSchedules.list(in: $0) }.first)
            #expect(kept.nextRunAt == shortened.nextRunAt)

            // A schedule that never ran keeps its first run when its interval changes.
            let firstRun = Date().addingTimeInterval(600)
            try await environment.database.withTenant(tenant) { transaction in
                try await JobSchedules.upsert(name: "weekly", payload: Nightly(), everyMinutes: 10080, firstRunAt: firstRun, in: transaction)
                try await JobSchedules.upsert(name: "weekly", payload: Nightly(), everyMinutes: 60, in: transaction)
            }
            let weekly = try #require(
                try await environment.database.withTenant(tenant) { try await JobSchedules.list(in: $0) }.first { $0.name == "weekly" })
            #expect(abs(weekly.nextRunAt.timeIntervalSince(firstRun)) < 1)
        }
    }

    @Test func retryingAJobWhoseKeyIsPendingAgainIsAConflict() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let key = "instance:4"
            let store = JobStore(database: environment.database, workerID: "w", leaseSeconds: 60)
            let dead = try await enqueueGreeting("1", key: key, tenant: tenant, environment.database)
            let claimed = try #require(try await store.claim(limit: 1).first)
            try await store.fail(claimed, error: "gone", retryInSeconds: 0, permanent: true)
            _ = try await enqueueGreeting("2", key: key, tenant: tenant, environment.database)
            await #expect(throws: JobQueueError.uniqueKeyPending(dead.id, key: "instance:4")) {
                try await environment.database.withTenant(tenant) { try await JobQueue.retry(dead.id, in: $0) }
            }
            #expect(try await job(dead.id, tenant: tenant, environment.database)?.state == .dead)
        }
    }

    @Test func aWorkerWhoseDatabaseIsUnreachableStillStopsPromptly() async throws {
        let unreachable = try DatabaseURL("postgres://nobody:secret@127.0.0.1:9/none")
        try await DatabaseAdministration.withClient(unreachable, poolSize: 2, logger: Logger(label: "unreachable")) { client in
            var configuration = JobWorker.Configuration()
            configuration.pollInterval = .milliseconds(100)
            let worker = JobWorker(
                database: Database(client: client, logger: Logger(label: "unreachable")), registry: JobRegistry(), configuration: configuration,
                logger: Logger(label: "w"))
            let running = Task { try await worker.run() }
            try await Task.sleep(for: .milliseconds(500))
            let stoppedAt = ContinuousClock.now
            worker.stop()
            _ = try? await running.value
            #expect(ContinuousClock.now - stoppedAt < .seconds(8))
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
