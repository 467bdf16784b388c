import CatalogContracts
import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Logging
import OrdersContracts
import Storage

/// The Integrations context's implementation of its facade.
public struct IntegrationsService: IntegrationsFacade {
    let database: Database
    let vault: CredentialVault
    let clock: any WallClock
    let channelHTTP: ChannelHTTP
    let ebayKeys = EbayNotificationKeys.Cache()
    let webhookRoutes = WebhookRouteCache()
    let webhookRecorder: WebhookRecorder
    let links: AuthorizationLinks
    /// Where pulled orders and refunds go once normalized.
    let orders: any OrdersFacade
    /// Where pulled products go once read into listings.
    let catalog: any CatalogFacade
    let logger: Logger

    public init(
        database: Database, vault: CredentialVault, clock: any WallClock, links: AuthorizationLinks, orders: any OrdersFacade,
        catalog: any CatalogFacade, channelHTTP: ChannelHTTP = ChannelHTTP(), logger: Logger = Logger(label: "switchyard.integrations")
    ) {
        self.database = database
        self.orders = orders
        self.catalog = catalog
        self.vault = vault
        self.clock = clock
        self.links = links
        self.channelHTTP = channelHTTP
        self.webhookRecorder = WebhookRecorder(database: database)
        self.logger = logger
    }

    public func createInstance(_ new: NewIntegrationInstance, tenant: TenantID, actor: String) async throws -> IntegrationInstance {
        let name = try InstanceRules.name(new.name)
        let code = try new.code.map(InstanceRules.code)
        let baseURL = try InstanceRules.baseURL(new.apiBaseURL)
        let integrationSettings = try InstanceRules.settings(new.integrationSettings, field: "integrationSettings")
        let connectionSettings = try InstanceRules.settings(new.connectionSettings, field: "connectionSettings")
        let (credentials, status) = try InstanceRules.credentials(new.credentials, provider: new.provider)
        return try await self.database.withTenant(tenant) { transaction in
            let id = try await InstanceStore.insert(
                provider: new.provider, name: name, code: code, apiBaseURL: baseURL, integrationSettings: integrationSettings,
                connectionSettings: connectionSettings, credentialNames: [], pollIntervalMinutes: new.provider.defaultPollIntervalMinutes,
                in: transaction)
            try await self.storeCredentials(credentials, status: status, for: id, in: transaction)
            return try await self.recorded(id, event: "integration.created", actor: actor, in: transaction)
        }
    }

    public func updateInstance(_ id: IntegrationInstanceID, _ update: InstanceUpdate, tenant: TenantID, actor: String) async throws
        -> IntegrationInstance
    {
        let name = try update.name.map(InstanceRules.name)
        if update.mode == .replace, name == nil { throw IntegrationsError.invalidName }
        let code = try update.code.map(InstanceRules.code)
        let baseURL = try InstanceRules.baseURL(update.apiBaseURL)
        let integrationSettings = try update.integrationSettings.map { try InstanceRules.settings($0, field: "integrationSettings") }
        let connectionSettings = try update.connectionSettings.map { try InstanceRules.settings($0, field: "connectionSettings") }
        return try await self.changingRoute(id, tenant: tenant) { transaction in
            let current = try await self.existing(id, in: transaction)
            var credentials: (ChannelCredentials, InstanceStatus)?
            if let given = update.credentials {
                credentials = try InstanceRules.credentials(
                    try await self.keepingGrant(given, of: current, in: transaction), provider: current.provider)
            }
            try await InstanceStore.update(
                id, mode: update.mode, name: name, code: code, apiBaseURL: baseURL, integrationSettings: integrationSettings,
                connectionSettings: connectionSettings, in: transaction)
            if let credentials { try await self.storeCredentials(credentials.0, status: credentials.1, for: id, in: transaction) }
            return try await self.recorded(id, event: "integration.updated", actor: actor, in: transaction)
        }
    }

    public func enableChannel(_ id: IntegrationInstanceID, _ enablement: ChannelEnablement, tenant: TenantID, actor: String) async throws
        -> IntegrationInstance
    {
        if let minutes = enablement.pollIntervalMinutes { _ = try InstanceRules.pollInterval(minutes) }
        return try await self.database.withTenant(tenant) { transaction in
            try await self.existing(id, in: transaction).requireConnected()
            try await InstanceStore.enable(id, enablement, in: transaction)
            let enabled = try await self.recorded(id, event: "integration.enabled", actor: actor, in: transaction)
            if enabled.provider != .partner {
                for resource in RemoteResource.allCases {
                    try await JobSchedules.upsert(
                        name: PullInstanceRecords.scheduleName(id, resource),
                        payload: PullInstanceRecords(instanceID: id.rawValue, resource: resource, trigger: .schedule),
                        everyMinutes: PullInstanceRecords.everyMinutes(resource, pollInterval: enabled.pollIntervalMinutes), in: transaction)
                }
                try await JobSchedules.upsert(
                    name: RefreshCarrierCodes.scheduleName(id), payload: RefreshCarrierCodes(instanceID: id.rawValue),
                    everyMinutes: RefreshCarrierCodes.everyMinutes, in: transaction)
            }
            return enabled
        }
    }

    public func updateSetupStep(_ id: IntegrationInstanceID, step: String, completed: Bool, tenant: TenantID, actor: String) async throws
        -> IntegrationInstance
    {
        let step = try InstanceRules.setupStep(step)
        var patch: [String: Any] = [SetupWizard.stepKey: step]
        if completed { patch[SetupWizard.completedKey] = true }
        let settings = String(decoding: try JSONSerialization.data(withJSONObject: patch, options: [.sortedKeys]), as: UTF8.self)
        return try await self.database.withTenant(tenant) { transaction in
            _ = try await self.existing(id, in: transaction)
            try await InstanceStore.update(
                id, mode: .merge, name: nil, apiBaseURL: nil, integrationSettings: settings, connectionSettings: nil, in: transaction)
            return try await self.recorded(id, event: "integration.setup_step", actor: actor, in: transaction)
        }
    }

    public func syncNow(_ id: IntegrationInstanceID, _ resource: RemoteResource, since: Date?, tenant: TenantID, actor: String) async throws
        -> Int64
    {
        try await self.database.withTenant(tenant) { transaction in
            try await self.calledInstance(id, in: transaction)
            if let since { try await SyncStateStore.rewind(id, resource, to: since, in: transaction) }
            let job = try await PullInstanceRecords.enqueue(id, resource, trigger: .manual, in: transaction)
            try await self.activity(id, event: "integration.sync_requested", actor: actor, in: transaction)
            return job.id.rawValue
        }
    }

    /// An instance whose channel Switchyard calls: connected, and not a channel partner (partners call Switchyard).
    func calledInstance(_ id: IntegrationInstanceID, in transaction: Transaction) async throws {
        let instance = try await self.existing(id, in: transaction)
        try instance.requireConnected()
        guard instance.provider != .partner else { throw IntegrationsError.instanceDisconnected(id) }
    }

    public func disconnectInstance(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> IntegrationInstance {
        try await self.changingRoute(id, tenant: tenant) { transaction in
            _ = try await self.existing(id, in: transaction)
            try await InstanceStore.disconnect(id, in: transaction)
            try await AuthorizationStateStore.delete(instance: id, in: transaction)
            try await self.removeSchedules(id, in: transaction)
            return try await self.recorded(id, event: "integration.disconnected", actor: actor, in: transaction)
        }
    }

    public func deleteInstance(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> IntegrationInstance {
        try await self.changingRoute(id, tenant: tenant) { transaction in
            let instance = try await self.existing(id, in: transaction)
            try await InstanceStore.softDelete(id, in: transaction)
            try await AuthorizationStateStore.delete(instance: id, in: transaction)
            try await self.removeSchedules(id, in: transaction)
            try await JobQueue.enqueue(PurgeDeletedInstance(instanceID: id.rawValue), options: JobOptions(uniqueKey: "\(id)"), in: transaction)
            try await self.activity(id, event: "integration.deleted", actor: actor, in: transaction)
            return instance
        }
    }

    private func removeSchedules(_ id: IntegrationInstanceID, in transaction: Transaction) async throws {
        for resource in RemoteResource.allCases {
            try await JobSchedules.remove(name: PullInstanceRecords.scheduleName(id, resource), in: transaction)
        }
        try await JobSchedules.remove(name: RefreshCarrierCodes.scheduleName(id), in: transaction)
    }

    public func reprocessEvent(_ id: InboundEventID, tenant: TenantID, actor: String) async throws -> InboundEvent {
        try await self.database.withTenant(tenant) { transaction in
            guard let event = try await InboundEventStore.find(id, forUpdate: true, in: transaction) else {
                throw IntegrationsError.eventNotFound(id)
            }
            guard event.status == .failed, event.verified, event.source == .webhook else {
                throw IntegrationsError.eventNotReprocessable(id, event.status, event.source)
            }
            _ = try await InboundEventStore.requeueFailed(ids: [id.rawValue], instance: nil, limit: 1, in: transaction)
            try await self.enqueueProcessing([id], in: transaction)
            guard let requeued = try await InboundEventStore.find(id, in: transaction) else { throw IntegrationsError.eventNotFound(id) }
            return requeued
        }
    }

    public func processPendingEvents(instance: IntegrationInstanceID?, limit: Int, tenant: TenantID, actor: String) async throws -> Int {
        guard (1...500).contains(limit) else { throw IntegrationsError.invalidLimit(limit) }
        return try await self.database.withTenant(tenant) { transaction in
            if let instance { _ = try await self.existing(instance, in: transaction) }
            return try await self.enqueueProcessing(
                try await InboundEventStore.pending(instance: instance, limit: limit, in: transaction), in: transaction)
        }
    }

    public func retryFailedEvents(instance: IntegrationInstanceID?, limit: Int, tenant: TenantID, actor: String) async throws -> Int {
        guard (1...500).contains(limit) else { throw IntegrationsError.invalidLimit(limit) }
        return try await self.database.withTenant(tenant) { transaction in
            if let instance { _ = try await self.existing(instance, in: transaction) }
            let ids = try await InboundEventStore.requeueFailed(ids: nil, instance: instance, limit: limit, in: transaction)
            return try await self.enqueueProcessing(ids, in: transaction)
        }
    }

    public func deleteEvents(_ ids: [InboundEventID], tenant: TenantID, actor: String) async throws -> Int {
        try await self.database.withTenant(tenant) { transaction in
            try await InboundEventStore.delete(ids: ids.map(\.rawValue), in: transaction)
        }
    }

    public func deleteAllEvents(instance: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> Int {
        try await self.database.withTenant(tenant) { transaction in
            _ = try await self.existing(instance, in: transaction)
            return try await InboundEventStore.deleteAll(instance: instance, in: transaction)
        }
    }

    // MARK: Shared steps

    /// Queues one processing job per event (a job already pending for an event is reused); returns how many were queued.
    @discardableResult
    func enqueueProcessing(_ ids: [InboundEventID], in transaction: Transaction) async throws -> Int {
        try await ProcessInboundEvent.enqueue(ids, in: transaction)
    }

    func existing(_ id: IntegrationInstanceID, in transaction: Transaction) async throws -> IntegrationInstance {
        guard let instance = try await InstanceStore.find(id, forUpdate: true, in: transaction) else { throw IntegrationsError.instanceNotFound(id) }
        return instance
    }

    /// Runs a change that can alter where an instance's webhooks lead or how they verify (credentials, status, deletion),
    /// and forgets the instance's cached route once the change is committed.
    func changingRoute(
        _ id: IntegrationInstanceID, tenant: TenantID, _ body: (Transaction) async throws -> IntegrationInstance
    ) async throws -> IntegrationInstance {
        let instance = try await self.database.withTenant(tenant, body)
        self.webhookRoutes.forget(id, tenant: tenant)
        return instance
    }

    func credentials(of route: WebhookRoute) throws -> ChannelCredentials {
        guard let sealed = route.sealedCredentials else { return ChannelCredentials() }
        return try self.vault.open(sealed, tenant: route.tenant, instance: route.instance)
    }

    /// Seals and keeps an instance's credentials; `status` is what they make it (`pending` until a consent grants the
    /// rest, else `connected`).
    func storeCredentials(_ credentials: ChannelCredentials, status: InstanceStatus, for id: IntegrationInstanceID, in transaction: Transaction)
        async throws
    {
        let sealed = credentials.values.isEmpty ? nil : try self.vault.seal(credentials, tenant: transaction.tenant, instance: id)
        try await InstanceStore.storeCredentials(sealed, names: credentials.values.keys.sorted(), status: status, for: id, in: transaction)
    }

    /// `given` with the credentials a consent granted the instance where `given` leaves them out, so changing the app's
    /// own (rotating a client secret) keeps the seller's consent.
    private func keepingGrant(_ given: [String: String], of instance: IntegrationInstance, in transaction: Transaction) async throws
        -> [String: String]
    {
        let granted = ChannelAdapters.credentialKeys(for: instance.provider).granted
        let stored = try await self.storedCredentials(instance.id, in: transaction).values
        return given.merging(stored.filter { granted.contains($0.key) }) { given, _ in given }
    }

    /// The instance's credentials, opened.
    func storedCredentials(_ id: IntegrationInstanceID, in transaction: Transaction) async throws -> ChannelCredentials {
        let sealed = try await InstanceStore.sealedCredentials(id, in: transaction)
        return try sealed.map { try self.vault.open($0, tenant: transaction.tenant, instance: id) } ?? ChannelCredentials()
    }

    func recorded(_ id: IntegrationInstanceID, event: String, actor: String, in transaction: Transaction) async throws
        -> IntegrationInstance
    {
        try await self.activity(id, event: event, actor: actor, in: transaction)
        guard let instance = try await InstanceStore.find(id, in: transaction) else { throw IntegrationsError.instanceNotFound(id) }
        return instance
    }

    func activity(_ id: IntegrationInstanceID, event: String, actor: String, in transaction: Transaction) async throws {
        try await ActivityLog.record(
            NewActivity(actorType: "user", actorID: actor, subjectType: "IntegrationInstance", subjectID: "\(id)", event: event),
            in: transaction)
    }
}
