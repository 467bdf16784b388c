import IntegrationsContracts
import Kernel
import Storage

/// List and lookup reads for the query language, run inside the request's tenant transaction (CQRS-style, straight from SQL).
public enum IntegrationsReads {
    public static func instances(
        filter: IntegrationInstanceFilter?, sort: [ListSort<IntegrationInstanceSortField>], page: PageRequest, in transaction: Transaction
    ) async throws -> Page<IntegrationInstance> {
        try await InstanceStore.list(filter: filter, sort: sort, page: page, tenant: transaction.tenant).page(in: transaction) {
            try InstanceStore.instance($0)
        }
    }

    public static func instanceCount(filter: IntegrationInstanceFilter?, in transaction: Transaction) async throws -> Int {
        try await InstanceStore.list(filter: filter, sort: [], page: PageRequest(), tenant: transaction.tenant).count(in: transaction)
    }

    public static func instances(ids: [Int64], in transaction: Transaction) async throws -> [IntegrationInstance] {
        try await InstanceStore.find(ids: ids, in: transaction)
    }

    public static func instanceOptions(provider: Provider?, in transaction: Transaction) async throws -> [IntegrationInstanceOption] {
        try await InstanceStore.options(provider: provider, in: transaction)
    }

    public static func events(
        instance: IntegrationInstanceID?, filter: InboundEventFilter?, sort: [ListSort<InboundEventSortField>], page: PageRequest,
        in transaction: Transaction
    ) async throws -> Page<InboundEvent> {
        try await InboundEventStore.list(instance: instance, filter: filter, sort: sort, page: page, tenant: transaction.tenant).page(in: transaction)
        {
            try InboundEventStore.event($0)
        }
    }

    public static func eventCount(instance: IntegrationInstanceID?, filter: InboundEventFilter?, in transaction: Transaction) async throws -> Int {
        try await InboundEventStore.list(instance: instance, filter: filter, sort: [], page: PageRequest(), tenant: transaction.tenant)
            .count(in: transaction)
    }

    public static func events(ids: [Int64], in transaction: Transaction) async throws -> [InboundEvent] {
        try await InboundEventStore.find(ids: ids, in: transaction)
    }

    public static func eventStats(instance: IntegrationInstanceID?, in transaction: Transaction) async throws -> InboundEventStats {
        try await InboundEventStore.stats(instance: instance, in: transaction)
    }

    public static func syncRuns(
        instance: IntegrationInstanceID?, filter: SyncRunFilter?, sort: [ListSort<SyncRunSortField>], page: PageRequest, in transaction: Transaction
    ) async throws -> Page<SyncRun> {
        try await SyncRunStore.list(instance: instance, filter: filter, sort: sort, page: page, tenant: transaction.tenant).page(in: transaction) {
            try SyncRunStore.run($0)
        }
    }

    public static func syncRunCount(instance: IntegrationInstanceID?, filter: SyncRunFilter?, in transaction: Transaction) async throws -> Int {
        try await SyncRunStore.list(instance: instance, filter: filter, sort: [], page: PageRequest(), tenant: transaction.tenant).count(
            in: transaction)
    }

    public static func syncRuns(ids: [Int64], in transaction: Transaction) async throws -> [SyncRun] {
        try await SyncRunStore.find(ids: ids, in: transaction)
    }

    public static func syncInfo(instances: [Int64], _ resource: RemoteResource, in transaction: Transaction) async throws -> [SyncInfo] {
        try await SyncStateStore.info(instances: instances, resource, in: transaction)
    }
}
