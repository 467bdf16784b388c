import CatalogContracts
import Channels
import Foundation
import IntegrationsContracts
import Kernel
import OrdersContracts
import Storage

/// Pulls one kind of an instance's changed records (orders, products, refunds) into `remote_orders`, `remote_products` or
/// `remote_refunds`: on its polling schedule, on demand (tracked), or after a webhook. At most one pull of a kind runs per
/// instance at a time (unique key).
public struct PullInstanceRecords: JobPayload {
    public static let kind = "integrations.pull"
    public static let maxAttempts = 8
    public static let isTracked = true
    public let instanceID: Int64
    public let resource: RemoteResource
    public let trigger: SyncTrigger

    public init(instanceID: Int64, resource: RemoteResource, trigger: SyncTrigger) {
        self.instanceID = instanceID
        self.resource = resource
        self.trigger = trigger
    }

    static func uniqueKey(_ instance: IntegrationInstanceID, _ resource: RemoteResource) -> String { "pull:\(resource.rawValue):\(instance)" }
    static func scheduleName(_ instance: IntegrationInstanceID, _ resource: RemoteResource) -> String {
        "integrations.pull:\(resource.rawValue):instance:\(instance)"
    }

    /// How often a resource is pulled on schedule: orders and refunds at the instance's polling interval, products at most
    /// hourly (a catalog changes slowly, and eBay and Walmart list every product on each pull).
    static func everyMinutes(_ resource: RemoteResource, pollInterval: Int) -> Int {
        resource == .products ? max(pollInterval, 60) : pollInterval
    }

    /// Queues a pull (one already queued for the instance and kind absorbs it) and answers its job.
    @discardableResult
    static func enqueue(
        _ instance: IntegrationInstanceID, _ resource: RemoteResource, trigger: SyncTrigger, in transaction: Transaction
    ) async throws -> EnqueuedJob {
        try await JobQueue.enqueue(
            PullInstanceRecords(instanceID: instance.rawValue, resource: resource, trigger: trigger),
            options: JobOptions(uniqueKey: Self.uniqueKey(instance, resource)), in: transaction)
    }
}

extension IntegrationsService {
    /// How far back an instance's first pull of orders and refunds reaches.
    static let firstPullLookback: TimeInterval = 30 * 86_400
    /// Where an instance's first products pull starts: the whole catalog, however long untouched.
    static let catalogOrigin = Date(timeIntervalSince1970: 946_684_800)
    /// Pages one run walks before it hands the rest to a follow-up run (so a backfill never holds a worker for long).
    static let pagesPerRun = 50
    /// A run still marked running after this long was left behind by a crashed worker and no longer blocks a new one.
    static let abandonedRunSeconds = 900

    /// Pulls `resource` of an instance (see `pull(_:_:trigger:context:)`).
    func pull(_ id: IntegrationInstanceID, _ resource: RemoteResource, trigger: SyncTrigger, context: JobContext) async throws -> SyncRun? {
        switch resource {
        case .orders: try await self.pull(id, RemoteOrder.self, trigger: trigger, context: context)
        case .products: try await self.pull(id, RemoteProduct.self, trigger: trigger, context: context)
        case .refunds: try await self.pull(id, RemoteRefund.self, trigger: trigger, context: context)
        }
    }

    /// Walks the records changed since the instance's cursor for their kind, storing each page with the position after it
    /// in one transaction, so a crash or a throttled call resumes exactly there. The run is recorded in the sync history
    /// either way. Answers `nil` when another pull of the same kind is under way (the schedule and a manual sync met).
    func pull<Record: RemoteRecord>(_ id: IntegrationInstanceID, _ kind: Record.Type, trigger: SyncTrigger, context: JobContext) async throws
        -> SyncRun?
    {
        let resource = Record.resource
        let operation = SyncOperation.pull(resource)
        let tenant = context.tenant
        let started = try await self.database.withTenant(tenant) {
            transaction -> (IntegrationInstance, ChannelCredentials, SyncStateStore.State, SyncRunID)? in
            let (instance, credentials) = try await self.connectedInstance(id, in: transaction)
            let state = try await SyncStateStore.lock(id, resource, in: transaction)
            if try await SyncRunStore.isRunning(instance: id, operation: operation, withinSeconds: Self.abandonedRunSeconds, in: transaction) {
                return nil
            }
            let run = try await SyncRunStore.start(instance: id, operation: operation, trigger: trigger, in: transaction)
            return (instance, credentials, state, run)
        }
        guard let (instance, credentials, state, run) = started else { return nil }
        guard let adapter = self.adapter(instance, credentials: credentials, tenant: tenant) else {
            try await self.finish(run, tenant: tenant, status: .failed, warning: nil, error: "\(instance.provider.rawValue) is not pulled from")
            throw JobFailure.permanent("\(instance.provider.rawValue) instances are not pulled from")
        }
        let since =
            state.continuation.flatMap { _ in state.continuationSince } ?? state.updatedSince
            ?? (resource == .products ? Self.catalogOrigin : self.clock.now().addingTimeInterval(-Self.firstPullLookback))
        do {
            let outcome = try await RemoteWalk.run(
                adapter, kind, since: since, continuation: state.continuation, maxPages: Self.pagesPerRun, logger: context.logger
            ) { records, next in
                let rejected = try await self.deliver(records, of: instance, tenant: tenant)
                try await self.database.withTenant(tenant) { transaction in
                    if !rejected.isEmpty {
                        try await SyncRunStore.note(
                            run, "Not normalized (a value the database refuses; kept as pulled): \(rejected.prefix(20).joined(separator: ", ")).",
                            in: transaction)
                    }
                    let stored = try await RemoteRecordStore.upsert(records, instance: id, in: transaction)
                    try await SyncStateStore.advance(id, resource, continuation: next, since: since, fetched: records.count, in: transaction)
                    try await SyncRunStore.count(run, pages: 1, fetched: records.count, stored: stored, in: transaction)
                }
            }
            try await self.database.withTenant(tenant) { transaction in
                if outcome.continuation == nil {
                    try await SyncStateStore.complete(id, resource, updatedSince: outcome.newestChange ?? since, in: transaction)
                } else {
                    try await PullInstanceRecords.enqueue(id, resource, trigger: trigger, in: transaction)
                }
                try await SyncRunStore.finish(run, status: .succeeded, warning: Self.warning(outcome), error: nil, in: transaction)
            }
        } catch {
            // Whatever stopped the walk (a channel, the database, shutdown), the run is closed, so the retry is not
            // taken for a pull still under way.
            let channelError = error as? ChannelCallError
            try await self.finish(run, tenant: tenant, status: .failed, warning: nil, error: channelError?.message ?? "\(error)")
            throw channelError?.jobError ?? error
        }
        return try await self.database.withTenant(tenant) { transaction in
            guard let finished = try await SyncRunStore.find(run, in: transaction) else { throw IntegrationsError.instanceNotFound(id) }
            return finished
        }
    }

    /// Hands a page's orders or refunds, normalized, to the Orders context, and its products, read into listings, to the
    /// Catalog context, before the cursor moves past them: a crash in between pulls the page again, and ingestion is an
    /// idempotent upsert. Answers the records refused.
    private func deliver<Record: RemoteRecord>(_ records: [Record], of instance: IntegrationInstance, tenant: TenantID) async throws
        -> [String]
    {
        if let orders = records as? [RemoteOrder] {
            let normalized = orders.compactMap { ChannelAdapters.normalize($0, from: instance.provider) }
            return try await self.orders.ingest(normalized, instance: instance.id.rawValue, provider: instance.provider, tenant: tenant).rejected
        }
        if let refunds = records as? [RemoteRefund] {
            let normalized = refunds.compactMap { ChannelAdapters.normalize($0, from: instance.provider) }
            return try await self.orders.ingest(normalized, instance: instance.id.rawValue, provider: instance.provider, tenant: tenant).rejected
        }
        if let products = records as? [RemoteProduct] {
            let listings = products.flatMap { ChannelAdapters.normalize($0, from: instance.provider) }
            return try await self.catalog.ingest(listings, instance: instance.id.rawValue, tenant: tenant).rejected
        }
        return []
    }

    func finish(_ run: SyncRunID, tenant: TenantID, status: SyncRunStatus, warning: String?, error: String?) async throws {
        try await self.database.withTenant(tenant) { transaction in
            try await SyncRunStore.finish(run, status: status, warning: warning, error: error, in: transaction)
        }
    }

    private static func warning(_ outcome: RemoteWalk.Outcome) -> String? {
        switch outcome.trip {
        case .repeatedToken, .noNewItems:
            "The channel's continuation token stopped advancing (\(outcome.trip?.rawValue ?? "")); the walk ended after \(outcome.pages) pages."
        case .pageCap: "\(outcome.pages) pages pulled; a follow-up run continues where this one stopped."
        case nil: nil
        }
    }
}
