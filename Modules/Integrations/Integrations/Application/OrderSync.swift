import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Storage

/// Pulls one instance's changed orders into `remote_orders`: on its polling schedule, on demand (tracked), or after a
/// webhook. At most one runs per instance at a time (unique key).
public struct SyncInstanceOrders: JobPayload {
    public static let kind = "integrations.sync_orders"
    public static let maxAttempts = 8
    public static let isTracked = true
    public let instanceID: Int64
    public let trigger: SyncTrigger

    public init(instanceID: Int64, trigger: SyncTrigger) {
        self.instanceID = instanceID
        self.trigger = trigger
    }

    static func uniqueKey(_ instance: IntegrationInstanceID) -> String { "orders:\(instance)" }
    static func scheduleName(_ instance: IntegrationInstanceID) -> String { "integrations.sync_orders:instance:\(instance)" }
}

extension IntegrationsService {
    /// How far back an instance's first pull reaches.
    static let firstPullLookback: TimeInterval = 30 * 86_400
    /// Pages one run walks before it hands the rest to a follow-up run (so a backfill never holds a worker for long).
    static let pagesPerRun = 50
    /// A run still marked running after this long was left behind by a crashed worker and no longer blocks a new one.
    static let abandonedRunSeconds = 900

    /// Walks the orders changed since the instance's cursor, storing each page with the position after it in one
    /// transaction, so a crash or a throttled call resumes exactly there. The run is recorded in the sync history either way.
    /// Answers `nil` when another pull of the instance is under way (the schedule and a manual sync met).
    func syncOrders(_ id: IntegrationInstanceID, trigger: SyncTrigger, context: JobContext) async throws -> SyncRun? {
        let tenant = context.tenant
        let started = try await self.database.withTenant(tenant) {
            transaction -> (IntegrationInstance, ChannelCredentials, SyncStateStore.State, SyncRunID)? in
            guard let instance = try await InstanceStore.find(id, in: transaction) else { throw IntegrationsError.instanceNotFound(id) }
            try instance.requireConnected()
            let credentials = try await self.storedCredentials(id, in: transaction)
            let state = try await SyncStateStore.lock(id, in: transaction)
            if try await SyncRunStore.isRunning(instance: id, operation: .ordersPull, withinSeconds: Self.abandonedRunSeconds, in: transaction) {
                return nil
            }
            let run = try await SyncRunStore.start(instance: id, operation: .ordersPull, trigger: trigger, in: transaction)
            return (instance, credentials, state, run)
        }
        guard let (instance, credentials, state, run) = started else { return nil }
        guard
            let adapter = ChannelAdapters.adapter(
                for: instance.provider,
                context: self.channelContext(instance, credentials: credentials, tenant: tenant))
        else {
            try await self.finish(run, tenant: tenant, status: .failed, warning: nil, error: "\(instance.provider.rawValue) is not pulled from")
            throw JobFailure.permanent("\(instance.provider.rawValue) instances are not pulled from")
        }
        let since =
            state.continuation.flatMap { _ in state.continuationSince } ?? state.updatedSince
            ?? self.clock.now().addingTimeInterval(-Self.firstPullLookback)
        do {
            let outcome = try await OrderWalk.run(
                adapter, since: since, continuation: state.continuation, maxPages: Self.pagesPerRun, logger: context.logger
            ) { orders, next in
                try await self.database.withTenant(tenant) { transaction in
                    let stored = try await RemoteOrderStore.upsert(orders, instance: id, in: transaction)
                    try await SyncStateStore.advance(id, continuation: next, since: since, fetched: orders.count, in: transaction)
                    try await SyncRunStore.count(run, pages: 1, fetched: orders.count, stored: stored, in: transaction)
                }
            }
            try await self.database.withTenant(tenant) { transaction in
                if outcome.continuation == nil {
                    try await SyncStateStore.complete(id, updatedSince: outcome.newestChange ?? since, in: transaction)
                } else {
                    try await JobQueue.enqueue(
                        SyncInstanceOrders(instanceID: id.rawValue, trigger: trigger),
                        options: JobOptions(uniqueKey: SyncInstanceOrders.uniqueKey(id)),
                        in: transaction)
                }
                try await SyncRunStore.finish(run, status: .succeeded, warning: Self.warning(outcome), error: nil, in: transaction)
            }
        } catch {
            // Whatever stopped the walk (a channel, the database, shutdown), the run is closed, so the retry is not
            // taken for a pull still under way.
            let channelError = error as? ChannelCallError
            try await self.finish(run, tenant: tenant, status: .failed, warning: nil, error: channelError?.message ?? "\(error)")
            guard let channelError else { throw error }
            if case .throttled(let seconds) = channelError { throw JobFailure.retryAfter(seconds: seconds, reason: channelError.message) }
            if channelError.isTransient { throw channelError }
            throw JobFailure.permanent(channelError.message)
        }
        return try await self.database.withTenant(tenant) { transaction in
            guard let finished = try await SyncRunStore.find(run, in: transaction) else { throw IntegrationsError.instanceNotFound(id) }
            return finished
        }
    }

    private func finish(_ run: SyncRunID, tenant: TenantID, status: SyncRunStatus, warning: String?, error: String?) async throws {
        try await self.database.withTenant(tenant) { transaction in
            try await SyncRunStore.finish(run, status: status, warning: warning, error: error, in: transaction)
        }
    }

    private static func warning(_ outcome: OrderWalk.Outcome) -> String? {
        switch outcome.trip {
        case .repeatedToken, .noNewItems:
            "The channel's continuation token stopped advancing (\(outcome.trip?.rawValue ?? "")); the walk ended after \(outcome.pages) pages."
        case .pageCap: "\(outcome.pages) pages pulled; a follow-up run continues where this one stopped."
        case nil: nil
        }
    }
}
