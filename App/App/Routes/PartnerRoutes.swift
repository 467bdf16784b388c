import Channels
import Foundation
import HTTPTypes
import Hummingbird
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import NIOCore
import Storage

/// The channel partner API (seed `000_…` ops 1–14): a partner instance, its dashboard, its API tokens, the per-instance
/// channel token of any integration instance, and its inbound event log. Every route names its instance in the path and
/// goes through `route`, which asks `AuthenticatedContext.authorize` first and keeps every call made with a channel token in
/// the instance's inbound event log.
struct PartnerRoutes {
    let integrations: any IntegrationsFacade
    let identity: any IdentityFacade
    let database: Database
    let bodyLimit: Int

    struct NewToken: Decodable {
        let name: String
        let scopes: [String]?
    }

    struct PartnerUpdate: Decodable {
        let name: String
        let integrationSettings: JSONValue?
        let connectionSettings: JSONValue?
    }

    static func text(_ document: JSONValue) -> String { String(decoding: document.serialized(), as: UTF8.self) }

    static let channelScopes = [TokenScope.channelRead.rawValue, TokenScope.channelWrite.rawValue]

    func add(to group: RouterGroup<AuthenticatedContext>) {
        self.route(group, .get, "channel-partners/{id}", .read) { _, _, partner in
            try Response.json(PartnerViews.Partner(partner))
        }
        self.route(group, .put, "channel-partners/{id}", .administer) { request, context, partner in
            let input = try await request.decodeJSON(PartnerUpdate.self)
            let updated = try await self.integrations.updateInstance(
                partner.id,
                InstanceUpdate(
                    mode: .replace, name: input.name, apiBaseURL: partner.apiBaseURL, integrationSettings: input.integrationSettings.map(Self.text),
                    connectionSettings: input.connectionSettings.map(Self.text)),
                tenant: context.principal.tenant, actor: context.actorName)
            return try Response.json(PartnerViews.Partner(updated))
        }
        self.route(group, .delete, "channel-partners/{id}", .administer) { _, context, partner in
            _ = try await self.integrations.deleteInstance(partner.id, tenant: context.principal.tenant, actor: context.actorName)
            return Response(status: .noContent)
        }
        self.route(group, .get, "channel-partners/{id}/dashboard", .read) { _, context, partner in
            try Response.json(try await self.dashboard(partner, tenant: context.principal.tenant))
        }
        self.route(group, .post, "channel-partners/{id}/tokens", .administer) { request, context, partner in
            let input = try await request.decodeJSON(NewToken.self)
            let issued = try await self.identity.issueChannelToken(
                tenant: context.principal.tenant, channel: partner.id.rawValue, name: input.name, scopes: input.scopes ?? Self.channelScopes,
                replacing: false, createdBy: context.actorName)
            return try Response.json(PartnerViews.IssuedToken(token: issued.token, plainTextToken: issued.secret), status: .created)
        }
        self.route(group, .get, "channel-partners/{id}/tokens", .administer) { _, context, partner in
            try Response.json(
                PartnerViews.Tokens(items: try await self.identity.channelTokens(tenant: context.principal.tenant, channel: partner.id.rawValue)))
        }
        self.route(group, .delete, "channel-partners/{id}/tokens/{tokenId}", .administer) { _, context, partner in
            guard let text = context.parameters.get("tokenId"), let token = UUID(uuidString: text) else {
                throw APIError.invalidParameter(name: "tokenId", reason: "must be a token id (a UUID).")
            }
            _ = try await self.identity.revokeChannelToken(
                MachineTokenID(token), channel: partner.id.rawValue, tenant: context.principal.tenant, revokedBy: context.actorName)
            return Response(status: .noContent)
        }
        self.route(group, .post, "integration-instances/{id}/channel-token", .administer, anyProvider: true) { request, context, instance in
            var request = request
            let body = try await request.body.collect(upTo: .max)
            request.body = RequestBody(buffer: body)
            let name = body.readableBytes > 0 ? try await request.decodeJSON(NewToken.self).name : "\(instance.name.prefix(80)) channel token"
            let issued = try await self.identity.issueChannelToken(
                tenant: context.principal.tenant, channel: instance.id.rawValue, name: name, scopes: Self.channelScopes, replacing: true,
                createdBy: context.actorName)
            return try Response.json(PartnerViews.IssuedToken(token: issued.token, plainTextToken: issued.secret), status: .created)
        }
        self.route(group, .get, "channel-partners/{id}/inbound-events", .read) { request, context, partner in
            let page = try request.pageRequest()
            let filter = try Self.eventFilter(request)
            let events = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await IntegrationsReads.events(instance: partner.id, filter: filter, sort: [], page: page, in: transaction)
            }
            return try Response.json(PageResponse(events, transform: PartnerViews.EventSummary.init))
        }
        self.route(group, .get, "channel-partners/{id}/inbound-events/stats", .read) { _, context, partner in
            let stats = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await IntegrationsReads.eventStats(instance: partner.id, in: transaction)
            }
            return try Response.json(PartnerViews.Stats(stats))
        }
        self.route(group, .get, "channel-partners/{id}/inbound-events/{eventId}", .read) { _, context, partner in
            try Response.json(PartnerViews.Event(try await self.event(of: partner, context)))
        }
        self.route(group, .post, "channel-partners/{id}/inbound-events/{eventId}/reprocess", .operate) { _, context, partner in
            let event = try await self.event(of: partner, context)
            let requeued = try await self.integrations.reprocessEvent(event.id, tenant: context.principal.tenant, actor: context.actorName)
            return try Response.json(PartnerViews.Event(requeued))
        }
        self.route(group, .delete, "channel-partners/{id}/inbound-events", .administer) { _, context, partner in
            let deleted = try await self.integrations.deleteAllEvents(
                instance: partner.id, tenant: context.principal.tenant, actor: context.actorName)
            return try Response.json(PartnerViews.Deleted(deleted: deleted))
        }
    }

    /// Registers a partner route: the caller is authorized for the instance in the path (a channel partner unless
    /// `anyProvider`), and a call made with a channel token is kept in that instance's inbound event log, answered as
    /// it was, errors included.
    private func route(
        _ group: RouterGroup<AuthenticatedContext>, _ method: HTTPRequest.Method, _ path: RouterPath, _ access: PartnerAccess,
        anyProvider: Bool = false, _ handler: @escaping @Sendable (Request, AuthenticatedContext, IntegrationInstance) async throws -> Response
    ) {
        group.on(path, method: method) { request, context -> Response in
            let call = {
                @Sendable (request: Request) async throws -> Response in
                let id = try context.authorize(access)
                let instance = try await self.database.withTenant(context.principal.tenant) { transaction in
                    try await IntegrationsReads.instances(ids: [id.rawValue], in: transaction).first
                }
                guard let instance, anyProvider || instance.provider == .partner else { throw IntegrationsError.instanceNotFound(id) }
                return try await handler(request, context, instance)
            }
            guard let channel = context.channelInstance else { return try await call(request) }
            return try await self.recorded(request, context, instance: channel, call)
        }
    }

    /// Runs a channel token's call and keeps it, request and answer, in its channel's inbound event log.
    private func recorded(
        _ request: Request, _ context: AuthenticatedContext, instance: IntegrationInstanceID,
        _ call: @Sendable (Request) async throws -> Response
    ) async throws -> Response {
        var request = request
        let body = try await request.body.collect(upTo: self.bodyLimit)
        request.body = RequestBody(buffer: body)
        var response: Response
        var failure: String?
        do {
            response = try await call(request)
        } catch {
            failure = (error as? any DomainError)?.message ?? "\(type(of: error))"
            response = try ErrorMiddleware.response(
                for: error, path: request.uri.path, requestID: context.requestID, logger: context.logger, bodyLimit: self.bodyLimit)
        }
        let collector = ResponseBodyCollector()
        try await response.body.write(collector)
        response.body = ResponseBody(byteBuffer: collector.buffer)
        try await self.integrations.recordPartnerCall(
            PartnerCall(
                instance: instance, endpoint: "\(request.method.rawValue) \(context.endpointPath ?? request.uri.path)",
                headers: request.headers.map { ($0.name.rawName, $0.value) }, requestBody: Array(body.readableBytesView),
                responseStatus: response.status.code, responseBody: String(buffer: collector.buffer), error: failure),
            tenant: context.principal.tenant)
        return response
    }

    private func dashboard(_ partner: IntegrationInstance, tenant: TenantID) async throws -> PartnerViews.Dashboard {
        let (stats, recent) = try await self.database.withTenant(tenant) { transaction in
            (
                try await IntegrationsReads.eventStats(instance: partner.id, in: transaction),
                try await IntegrationsReads.events(instance: partner.id, filter: nil, sort: [], page: try PageRequest(first: 5), in: transaction)
            )
        }
        let tokens = try await self.identity.channelTokens(tenant: tenant, channel: partner.id.rawValue)
        return PartnerViews.Dashboard(
            partner: PartnerViews.Partner(partner), events: PartnerViews.Stats(stats), lastEventAt: recent.items.first?.receivedAt,
            tokens: PartnerViews.TokenUse(active: tokens.count, lastUsedAt: tokens.compactMap(\.lastUsedAt).max()),
            recentEvents: recent.items.map(PartnerViews.EventSummary.init))
    }

    /// The event named by `{eventId}`, only if it is the partner's.
    private func event(of partner: IntegrationInstance, _ context: AuthenticatedContext) async throws -> InboundEvent {
        guard let text = context.parameters.get("eventId"), let raw = Int64(text), raw > 0 else {
            throw APIError.invalidParameter(name: "eventId", reason: "must be an inbound event id.")
        }
        let event = try await self.database.withTenant(context.principal.tenant) { transaction in
            try await IntegrationsReads.events(ids: [raw], in: transaction).first
        }
        guard let event, event.instanceID == partner.id else { throw IntegrationsError.eventNotFound(InboundEventID(raw)) }
        return event
    }

    /// `?status=` and `?source=` of the event list.
    private static func eventFilter(_ request: Request) throws -> InboundEventFilter? {
        let status = try request.enumParameter("status", as: InboundEventStatus.self)
        let source = try request.enumParameter("source", as: InboundEventSource.self)
        guard status != nil || source != nil else { return nil }
        var filter = InboundEventFilter(status: status.map { EnumFilter(eq: $0) })
        filter.source = source.map { EnumFilter(eq: $0) }
        return filter
    }
}

/// Gathers a response body so it can be logged and then sent as it was.
private final class ResponseBodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
