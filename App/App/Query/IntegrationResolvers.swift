import Foundation
import GraphQL
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import QueryLanguage
import Storage

/// Channel connections and their inbound events: queries, mutations and object types of `integrations.graphql`.
enum IntegrationResolvers {
    struct CredentialInput: Decodable, Sendable {
        let name: String
        let value: String
    }

    struct CreateInput: Decodable, Sendable {
        let provider: String
        let name: String
        let code: String?
        let apiBaseUrl: String?
        let integrationSettings: Map?
        let connectionSettings: Map?
        let credentials: [CredentialInput]?
    }

    struct UpdateInput: Decodable, Sendable {
        let replace: Bool?
        let name: String?
        let code: String?
        let apiBaseUrl: String?
        let integrationSettings: Map?
        let connectionSettings: Map?
        let credentials: [CredentialInput]?
    }

    struct EnableInput: Decodable, Sendable {
        let webhooks: Bool?
        let syncInventory: Bool?
        let conflictStrategy: String?
        let pollIntervalMinutes: Int?
    }

    struct CreateArguments: Decodable, Sendable { let input: CreateInput }
    struct UpdateArguments: Decodable, Sendable {
        let id: String
        let input: UpdateInput
    }
    struct EnableArguments: Decodable, Sendable {
        let id: String
        let input: EnableInput
    }
    struct IDArgument: Decodable, Sendable { let id: String }
    struct SyncArguments: Decodable, Sendable {
        let id: String
        let resource: String?
    }
    struct ResourceArgument: Decodable, Sendable { let resource: String? }
    struct SetupStepArguments: Decodable, Sendable {
        struct Input: Decodable, Sendable {
            let step: String
            let completed: Bool?
        }
        let id: String
        let input: Input
    }
    struct InstanceArgument: Decodable, Sendable { let instanceId: String? }
    struct RequiredInstanceArgument: Decodable, Sendable { let instanceId: String }
    struct BulkArguments: Decodable, Sendable {
        let instanceId: String?
        let limit: Int?
    }
    struct IDsArgument: Decodable, Sendable { let ids: [String] }
    struct ProviderArgument: Decodable, Sendable { let provider: String? }
    struct RequiredProviderArgument: Decodable, Sendable { let provider: String }

    struct AuthorizePayload: Sendable {
        let authorization: AuthorizationStart?
        let userErrors: [UserErrorView]
    }

    /// A connection over one instance's records, or every instance's: `instanceId` plus the usual arguments.
    struct InstanceConnectionArguments<Filter: Decodable & Sendable, SortField: Sendable & Equatable & Decodable>: RelayPagedArguments {
        let instanceId: String?
        let first: Int?
        let after: String?
        let last: Int?
        let before: String?
        let filter: Filter?
        let sort: [ListSort<SortField>]?
    }

    struct SyncPayload: Sendable {
        let job: JobRecord?
        let userErrors: [UserErrorView]
    }

    struct InstancePayload: Sendable {
        let instance: IntegrationInstance?
        let userErrors: [UserErrorView]
    }

    struct EventPayload: Sendable {
        let event: InboundEvent?
        let userErrors: [UserErrorView]
    }

    struct CountPayload: Sendable {
        let count: Int?
        let userErrors: [UserErrorView]
    }

    struct StatusCount: Sendable {
        let status: InboundEventStatus
        let count: Int
    }

    /// The job a mutation queued, for its payload.
    private static func job(_ id: Int64?, _ context: QueryContext) async throws -> JobRecord? {
        guard let id else { return nil }
        return try await context.read { try await JobQueue.find(JobID(id), in: $0) }
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.connection("IntegrationInstanceConnection", edgeType: "IntegrationInstanceEdge", node: IntegrationInstance.self)
        bindings.connection("InboundEventConnection", edgeType: "InboundEventEdge", node: InboundEvent.self)
        bindings.connection("SyncRunConnection", edgeType: "SyncRunEdge", node: SyncRun.self)
        self.registerQueries(in: &bindings)
        self.registerMutations(in: &bindings)
        self.registerTypes(in: &bindings)
    }

    private static func registerQueries(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.connection(
                "integrationInstances", IntegrationInstance.self, filter: IntegrationInstanceFilter.self, sort: IntegrationInstanceSortField.self,
                page: { arguments, page, transaction in
                    try await IntegrationsReads.instances(filter: arguments.filter, sort: arguments.sort ?? [], page: page, in: transaction)
                },
                count: { filter, transaction in try await IntegrationsReads.instanceCount(filter: filter, in: transaction) })
            query.object("integrationAuthorizationSetup", AuthorizationSetup.self, arguments: RequiredProviderArgument.self) {
                parents, arguments, context in
                let provider = try UserInputError.provider(arguments.provider, field: ["provider"])
                let setup = context.context.integrations.authorizationSetup(provider)
                return parents.map { _ in setup }
            }
            query.list("integrationInstanceOptions", IntegrationInstanceOption.self, arguments: ProviderArgument.self) {
                parents, arguments, context in
                let provider = arguments.provider.flatMap { Provider(rawValue: $0.lowercased()) }
                let options = try await context.context.read { try await IntegrationsReads.instanceOptions(provider: provider, in: $0) }
                return parents.map { _ in options.map(Optional.some) }
            }
            query.connection(
                "inboundEvents", InboundEvent.self, arguments: InstanceConnectionArguments<InboundEventFilter, InboundEventSortField>.self,
                page: { arguments, page, transaction in
                    try await IntegrationsReads.events(
                        instance: try self.instanceID(arguments.instanceId), filter: arguments.filter, sort: arguments.sort ?? [], page: page,
                        in: transaction)
                },
                count: { arguments, transaction in
                    try await IntegrationsReads.eventCount(
                        instance: try self.instanceID(arguments.instanceId), filter: arguments.filter, in: transaction)
                })
            query.connection(
                "syncRuns", SyncRun.self, arguments: InstanceConnectionArguments<SyncRunFilter, SyncRunSortField>.self,
                page: { arguments, page, transaction in
                    try await IntegrationsReads.syncRuns(
                        instance: try self.instanceID(arguments.instanceId), filter: arguments.filter, sort: arguments.sort ?? [], page: page,
                        in: transaction)
                },
                count: { arguments, transaction in
                    try await IntegrationsReads.syncRunCount(
                        instance: try self.instanceID(arguments.instanceId), filter: arguments.filter, in: transaction)
                })
            query.object("inboundEventStats", InboundEventStats.self, arguments: InstanceArgument.self) { parents, arguments, context in
                let instance = try self.instanceID(arguments.instanceId)
                let stats = try await context.context.read { try await IntegrationsReads.eventStats(instance: instance, in: $0) }
                return parents.map { _ in stats }
            }
        }
    }

    private static func registerMutations(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Mutation") { mutation in
            mutation.object("integrationInstanceCreate", InstancePayload.self, arguments: CreateArguments.self) { parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    let provider = try UserInputError.provider(arguments.input.provider, field: ["input", "provider"])
                    let input = arguments.input
                    return try await integrations.createInstance(
                        NewIntegrationInstance(
                            provider: provider, name: input.name, code: input.code, apiBaseURL: input.apiBaseUrl,
                            integrationSettings: try self.json(input.integrationSettings),
                            connectionSettings: try self.json(input.connectionSettings), credentials: self.credentials(input.credentials) ?? [:]),
                        tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceUpdate", InstancePayload.self, arguments: UpdateArguments.self) { parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    let input = arguments.input
                    let update = InstanceUpdate(
                        mode: input.replace == true ? .replace : .merge, name: input.name, code: input.code, apiBaseURL: input.apiBaseUrl,
                        integrationSettings: try self.json(input.integrationSettings), connectionSettings: try self.json(input.connectionSettings),
                        credentials: self.credentials(input.credentials))
                    return try await integrations.updateInstance(try self.requiredInstanceID(arguments.id), update, tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("channelEnable", InstancePayload.self, arguments: EnableArguments.self) { parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    let input = arguments.input
                    var strategy: ConflictStrategy?
                    if let text = input.conflictStrategy {
                        guard let parsed = ConflictStrategy(rawValue: text.lowercased()) else {
                            throw UserInputError(
                                field: ["input", "conflictStrategy"], message: "Unknown conflict strategy.", code: "INVALID_CONFLICT_STRATEGY")
                        }
                        strategy = parsed
                    }
                    let enablement = ChannelEnablement(
                        webhooks: input.webhooks, syncInventory: input.syncInventory, conflictStrategy: strategy,
                        pollIntervalMinutes: input.pollIntervalMinutes)
                    return try await integrations.enableChannel(try self.requiredInstanceID(arguments.id), enablement, tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceSetupStepUpdate", InstancePayload.self, arguments: SetupStepArguments.self) {
                parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    try await integrations.updateSetupStep(
                        try self.requiredInstanceID(arguments.id), step: arguments.input.step, completed: arguments.input.completed ?? false,
                        tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceAuthorize", AuthorizePayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let (authorization, errors) = try await self.attempt(context.context, role: .admin, field: ["id"]) { integrations, tenant, actor in
                    try await integrations.startAuthorization(try self.requiredInstanceID(arguments.id), tenant: tenant, actor: actor)
                }
                let payload = AuthorizePayload(authorization: authorization, userErrors: errors)
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceDisconnect", InstancePayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    try await integrations.disconnectInstance(try self.requiredInstanceID(arguments.id), tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceSync", SyncPayload.self, arguments: SyncArguments.self) { parents, arguments, context in
                let (jobID, errors) = try await self.attempt(context.context, role: .staff, field: ["id"]) { integrations, tenant, actor in
                    try await integrations.syncNow(
                        try self.requiredInstanceID(arguments.id), Self.resource(arguments.resource), since: nil, tenant: tenant, actor: actor)
                }
                let payload = SyncPayload(job: try await self.job(jobID, context.context), userErrors: errors)
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceRefreshCarrierCodes", SyncPayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let (jobID, errors) = try await self.attempt(context.context, role: .staff, field: ["id"]) { integrations, tenant, actor in
                    try await integrations.refreshCarrierCodes(try self.requiredInstanceID(arguments.id), tenant: tenant, actor: actor)
                }
                let payload = SyncPayload(job: try await self.job(jobID, context.context), userErrors: errors)
                return parents.map { _ in payload }
            }
            mutation.object("integrationInstanceDelete", InstancePayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let payload = try await self.instanceChange(context.context) { integrations, tenant, actor in
                    try await integrations.deleteInstance(try self.requiredInstanceID(arguments.id), tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("inboundEventReprocess", EventPayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let (event, errors) = try await self.attempt(context.context, role: .staff, field: ["id"]) { integrations, tenant, actor in
                    guard let id = self.number(arguments.id, type: "InboundEvent") else {
                        throw UserInputError(field: ["id"], message: "\(arguments.id.prefix(100)) is not an inbound event id.", code: "INVALID_ID")
                    }
                    return try await integrations.reprocessEvent(InboundEventID(id), tenant: tenant, actor: actor)
                }
                let payload = EventPayload(event: event, userErrors: errors)
                return parents.map { _ in payload }
            }
            mutation.object("inboundEventsProcessPending", CountPayload.self, arguments: BulkArguments.self) { parents, arguments, context in
                let payload = try await self.countChange(context.context) { integrations, tenant, actor in
                    try await integrations.processPendingEvents(
                        instance: try self.instanceID(arguments.instanceId), limit: arguments.limit ?? 100, tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("inboundEventsRetryFailed", CountPayload.self, arguments: BulkArguments.self) { parents, arguments, context in
                let payload = try await self.countChange(context.context) { integrations, tenant, actor in
                    try await integrations.retryFailedEvents(
                        instance: try self.instanceID(arguments.instanceId), limit: arguments.limit ?? 100, tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("inboundEventsDelete", CountPayload.self, arguments: IDsArgument.self) { parents, arguments, context in
                let payload = try await self.countChange(context.context) { integrations, tenant, actor in
                    guard arguments.ids.count <= 500 else { throw IntegrationsError.invalidLimit(arguments.ids.count) }
                    let ids = try arguments.ids.map { text in
                        guard let id = self.number(text, type: "InboundEvent") else {
                            throw UserInputError(field: ["ids"], message: "\(text.prefix(100)) is not an inbound event id.", code: "INVALID_ID")
                        }
                        return InboundEventID(id)
                    }
                    return try await integrations.deleteEvents(ids, tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
            mutation.object("inboundEventsDeleteAll", CountPayload.self, arguments: RequiredInstanceArgument.self) { parents, arguments, context in
                let payload = try await self.countChange(context.context) { integrations, tenant, actor in
                    try await integrations.deleteAllEvents(
                        instance: try self.requiredInstanceID(arguments.instanceId, field: "instanceId"), tenant: tenant, actor: actor)
                }
                return parents.map { _ in payload }
            }
        }
    }

    private static func registerTypes(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("IntegrationInstancePayload", InstancePayload.self) { type in
            type.object("integrationInstance", IntegrationInstance.self) { $0.instance }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("InboundEventPayload", EventPayload.self) { type in
            type.object("inboundEvent", InboundEvent.self) { $0.event }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("InboundEventsCountPayload", CountPayload.self) { type in
            type.field("count") { .optional($0.count) }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("IntegrationInstance", IntegrationInstance.self) { type in
            type.field("id") { .globalID("IntegrationInstance", $0.id) }
            type.field("provider") { .enumeration($0.provider) }
            type.field("name") { .string($0.name) }
            type.field("code") { .string($0.code) }
            type.field("status") { .enumeration($0.status) }
            type.field("apiBaseUrl") { .optional($0.apiBaseURL) }
            type.field("integrationSettings") { .json($0.integrationSettings) }
            type.field("connectionSettings") { .json($0.connectionSettings) }
            type.field("credentialNames") { .list($0.credentialNames.map(LeafValue.string)) }
            type.field("webhookPath") { .optional(WebhookRoutes.path(for: $0)) }
            type.field("webhooksEnabled") { .bool($0.webhooksEnabled) }
            type.field("syncInventory") { .bool($0.syncInventory) }
            type.field("conflictStrategy") { .enumeration($0.conflictStrategy) }
            type.field("pollIntervalMinutes") { .int($0.pollIntervalMinutes) }
            type.field("createdAt") { .dateTime($0.createdAt) }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
            type.field("disconnectedAt") { .dateTime($0.disconnectedAt) }
            type.object("syncInfo", SyncInfo.self, arguments: ResourceArgument.self) { instances, arguments, context in
                let ids = instances.map(\.id.rawValue)
                let resource = Self.resource(arguments.resource)
                let infos = try await context.context.read { try await IntegrationsReads.syncInfo(instances: ids, resource, in: $0) }
                let byID = Dictionary(infos.map { ($0.instanceID, $0) }, uniquingKeysWith: { first, _ in first })
                return instances.map { byID[$0.id] }
            }
            type.object("setupWizard", SetupWizard.self, arguments: NoArguments.self) { instances, _, _ in
                instances.map { SetupWizard(integrationSettings: $0.integrationSettings) }
            }
        }
        bindings.object("IntegrationAuthorizationSetup", AuthorizationSetup.self) { type in
            type.field("provider") { .enumeration($0.provider) }
            type.field("method") { .enumeration($0.method) }
            type.field("callbackStyle") { $0.callbackStyle.map(LeafValue.enumeration) ?? .null }
            type.field("callbackUrl") { .optional($0.callbackURL) }
            type.field("appCredentials") { .list($0.appCredentials.map(LeafValue.string)) }
            type.field("grantedCredentials") { .list($0.grantedCredentials.map(LeafValue.string)) }
        }
        bindings.object("IntegrationInstanceAuthorizePayload", AuthorizePayload.self) { type in
            type.object("authorization", AuthorizationStart.self) { $0.authorization }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("IntegrationAuthorization", AuthorizationStart.self) { type in
            type.field("url") { .string($0.url) }
            type.field("expiresAt") { .dateTime($0.expiresAt) }
        }
        bindings.object("SetupWizard", SetupWizard.self) { type in
            type.field("step") { .string($0.step) }
            type.field("completed") { .bool($0.completed) }
        }
        bindings.object("SyncInfo", SyncInfo.self) { type in
            type.field("resource") { .enumeration($0.resource) }
            type.field("updatedSince") { .dateTime($0.updatedSince) }
            type.field("continuation") { .optional($0.continuation) }
            type.field("lastSyncedAt") { .dateTime($0.lastSyncedAt) }
            type.field("totalFetched") { .int($0.totalFetched) }
            type.field("stored") { .int($0.stored) }
        }
        bindings.object("SyncRun", SyncRun.self) { type in
            type.field("id") { .globalID("SyncRun", $0.id) }
            type.object("integrationInstance", IntegrationInstance.self, arguments: NoArguments.self) { runs, _, context in
                try await self.instances(of: runs.map(\.instanceID), context.context)
            }
            type.field("operation") { .enumeration($0.operation) }
            type.field("trigger") { .enumeration($0.trigger) }
            type.field("status") { .enumeration($0.status) }
            type.field("startedAt") { .dateTime($0.startedAt) }
            type.field("finishedAt") { .dateTime($0.finishedAt) }
            type.field("pages") { .int($0.pages) }
            type.field("fetched") { .int($0.fetched) }
            type.field("stored") { .int($0.stored) }
            type.field("warning") { .optional($0.warning) }
            type.field("error") { .optional($0.error) }
        }
        bindings.object("IntegrationInstanceSyncPayload", SyncPayload.self) { type in
            type.object("job", JobRecord.self) { $0.job }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("IntegrationInstanceOption", IntegrationInstanceOption.self) { type in
            type.field("id") { .globalID("IntegrationInstance", $0.id) }
            type.field("name") { .string($0.name) }
            type.field("provider") { .enumeration($0.provider) }
        }
        bindings.object("InboundEvent", InboundEvent.self) { type in
            type.field("id") { .globalID("InboundEvent", $0.id) }
            type.object("integrationInstance", IntegrationInstance.self, arguments: NoArguments.self) { events, _, context in
                try await self.instances(of: events.map(\.instanceID), context.context)
            }
            type.field("source") { .enumeration($0.source) }
            type.field("endpoint") { .string($0.endpoint) }
            type.field("deliveryId") { .optional($0.deliveryID) }
            type.field("topic") { .optional($0.topic) }
            type.field("verified") { .bool($0.verified) }
            type.field("requestHeaders") { .json($0.requestHeaders) }
            type.field("requestBody") { .string($0.requestBody) }
            type.field("responseStatus") { .int($0.responseStatus) }
            type.field("responseBody") { .optional($0.responseBody) }
            type.field("status") { .enumeration($0.status) }
            type.field("error") { .optional($0.error) }
            type.field("attempts") { .int($0.attempts) }
            type.field("resource") { .optional($0.resource) }
            type.field("remoteId") { .optional($0.remoteID) }
            type.field("remoteStatus") { .optional($0.remoteStatus) }
            type.field("receivedAt") { .dateTime($0.receivedAt) }
            type.field("processedAt") { .dateTime($0.processedAt) }
        }
        bindings.object("InboundEventStats", InboundEventStats.self) { type in
            type.field("total") { .int($0.total) }
            type.list("byStatus", StatusCount.self) { stats in
                InboundEventStatus.allCases.map { StatusCount(status: $0, count: stats.byStatus[$0] ?? 0) }
            }
            type.field("endpoints") { .list($0.endpoints.map(LeafValue.string)) }
        }
        bindings.object("InboundEventStatusCount", StatusCount.self) { type in
            type.field("status") { .enumeration($0.status) }
            type.field("count") { .int($0.count) }
        }
    }

    // MARK: Helpers

    /// The instances `ids` name, in order, in one query.
    static func instances(of ids: [IntegrationInstanceID], _ context: QueryContext) async throws -> [IntegrationInstance?] {
        let numbers = Array(Set(ids.map(\.rawValue)))
        let instances = try await context.read { try await IntegrationsReads.instances(ids: numbers, in: $0) }
        let byID = Dictionary(instances.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.map { byID[$0] }
    }

    /// Admins change connections.
    private static func instanceChange(
        _ context: QueryContext, _ change: (any IntegrationsFacade, TenantID, String) async throws -> IntegrationInstance
    ) async throws -> InstancePayload {
        let (instance, errors) = try await self.attempt(context, role: .admin, change)
        return InstancePayload(instance: instance, userErrors: errors)
    }

    /// Staff handle events in bulk.
    private static func countChange(_ context: QueryContext, _ change: (any IntegrationsFacade, TenantID, String) async throws -> Int)
        async throws -> CountPayload
    {
        let (count, errors) = try await self.attempt(context, role: .staff, change)
        return CountPayload(count: count, userErrors: errors)
    }

    /// Runs a change for a caller with at least `role` (see `QueryContext.attempt`).
    private static func attempt<Result: Sendable>(
        _ context: QueryContext, role: Role, field: [String]? = nil,
        _ change: (any IntegrationsFacade, TenantID, String) async throws -> Result
    ) async throws -> (Result?, [UserErrorView]) {
        try await context.attempt(role: role, field: field) {
            try await change(context.integrations, context.principal.tenant, context.principal.actorName)
        }
    }

    static func number(_ text: String, type: String) -> Int64? {
        guard let id = GlobalID(text), id.typeName == type, let number = Int64(id.localID), number > 0 else { return nil }
        return number
    }

    /// A `SyncResource` argument (the schema admits only its values); orders when absent.
    private static func resource(_ text: String?) -> RemoteResource {
        text.flatMap { RemoteResource(rawValue: $0.lowercased()) } ?? .orders
    }

    static func instanceID(_ text: String?) throws -> IntegrationInstanceID? {
        try text.map { try self.requiredInstanceID($0, field: "instanceId") }
    }

    static func requiredInstanceID(_ text: String, field: String = "id") throws -> IntegrationInstanceID {
        guard let number = self.number(text, type: "IntegrationInstance") else {
            throw UserInputError(field: [field], message: "\(text.prefix(100)) is not an integration instance id.", code: "INVALID_ID")
        }
        return IntegrationInstanceID(number)
    }

    private static func json(_ map: Map?) throws -> String? {
        guard let map else { return nil }
        return String(decoding: try JSONEncoder().encode(map), as: UTF8.self)
    }

    private static func credentials(_ inputs: [CredentialInput]?) -> [String: String]? {
        inputs.map { Dictionary($0.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }) }
    }
}
