import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Storage

extension IntegrationsService {
    /// Finds the instance by its webhook key, verifies the delivery with the provider's scheme, and records it: verified
    /// deliveries as `pending` with a processing job in the same transaction (a repeated delivery id is acknowledged and
    /// not recorded again), refused ones as `failed` with the reason. Only then is the delivery answered.
    public func receiveWebhook(_ webhook: IncomingWebhook, provider: Provider) async throws -> WebhookReceipt {
        guard let endpoint = try await self.webhookEndpoint(webhook.webhookKey), endpoint.route.provider == provider else {
            throw IntegrationsError.webhookEndpointUnknown
        }
        let route = endpoint.route
        let request = WebhookRequest(headers: webhook.headers, body: webhook.body, endpointURL: webhook.endpointURL)
        let delivery: WebhookDelivery
        do {
            guard route.status != .disconnected else { throw IntegrationsError.instanceDisconnected(route.instance) }
            guard let adapter = ChannelAdapters.adapter(for: provider, context: self.channelContext(endpoint)) else {
                throw WebhookRejection.unsupported(provider)
            }
            delivery = try await adapter.verifyWebhook(request, now: self.clock.now())
        } catch let error as any DomainError {
            try await self.recordRefusal(webhook, request, route: route, error: error)
            throw error
        }
        if delivery.kind == .ping { return WebhookReceipt(outcome: .ping, eventID: nil) }
        let id = try await self.webhookRecorder.record(
            WebhookRecorder.Delivery(
                tenant: route.tenant,
                event: InboundEventStore.NewDelivery(
                    instance: route.instance, endpoint: webhook.endpoint, deliveryID: delivery.deliveryID, topic: delivery.topic,
                    requestHeaders: HeaderRedaction.json(request.headers), requestBody: webhook.body)))
        return id.map { WebhookReceipt(outcome: .accepted, eventID: $0) } ?? WebhookReceipt(outcome: .duplicate, eventID: nil)
    }

    public func ebayChallengeResponse(webhookKey: String, code: String, endpointURL: String) async throws -> String {
        guard let endpoint = try await self.webhookEndpoint(webhookKey), endpoint.route.provider == .ebay else {
            throw IntegrationsError.webhookEndpointUnknown
        }
        return try EbayChannel(context: self.channelContext(endpoint)).challengeResponse(code: code, endpointURL: endpointURL)
    }

    /// The instance a webhook key leads to, with its credentials opened (cached for a few seconds).
    private func webhookEndpoint(_ key: String) async throws -> WebhookRouteCache.Entry? {
        try await self.webhookRoutes.entry(for: key) {
            let route = try await self.database.withSystem { transaction in try await InstanceStore.route(webhookKey: key, in: transaction) }
            return try route.map { WebhookRouteCache.Entry(route: $0, credentials: try self.credentials(of: $0)) }
        }
    }

    private func channelContext(_ endpoint: WebhookRouteCache.Entry) -> ChannelContext {
        self.channelContext(
            tenant: endpoint.route.tenant, instance: endpoint.route.instance, apiBaseURL: endpoint.route.apiBaseURL,
            credentials: endpoint.credentials)
    }

    private func recordRefusal(_ webhook: IncomingWebhook, _ request: WebhookRequest, route: WebhookRoute, error: any DomainError) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["error": error.message, "code": error.code], options: [.sortedKeys])
        try await self.database.withTenant(route.tenant) { transaction in
            _ = try await InboundEventStore.insert(
                InboundEventStore.NewEvent(
                    instance: route.instance, source: .webhook, endpoint: webhook.endpoint, deliveryID: nil, topic: nil, verified: false,
                    requestHeaders: HeaderRedaction.json(request.headers), requestBody: webhook.body, responseStatus: error.kind.httpStatus,
                    responseBody: String(decoding: body, as: UTF8.self), status: .failed, error: error.message),
                in: transaction)
        }
    }
}
