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
        let route = try await self.database.withSystem { transaction in
            try await InstanceStore.route(webhookKey: webhook.webhookKey, in: transaction)
        }
        guard let route, route.provider == provider else { throw IntegrationsError.webhookEndpointUnknown }
        let request = WebhookRequest(headers: webhook.headers, body: webhook.body, endpointURL: webhook.endpointURL)
        let delivery: WebhookDelivery
        do {
            guard route.status != .disconnected else { throw IntegrationsError.instanceDisconnected(route.instance) }
            let credentials = try self.credentials(of: route)
            guard
                let adapter = ChannelAdapters.adapter(
                    for: provider,
                    context: self.channelContext(
                        tenant: route.tenant, instance: route.instance, apiBaseURL: route.apiBaseURL, credentials: credentials))
            else { throw WebhookRejection.unsupported(provider) }
            delivery = try await adapter.verifyWebhook(request, now: self.clock.now())
        } catch let error as any DomainError {
            try await self.recordRefusal(webhook, request, route: route, error: error)
            throw error
        }
        if delivery.kind == .ping { return WebhookReceipt(outcome: .ping, eventID: nil) }
        return try await self.database.withTenant(route.tenant) { transaction in
            let event = InboundEventStore.NewEvent(
                instance: route.instance, source: .webhook, endpoint: webhook.endpoint, deliveryID: delivery.deliveryID, topic: delivery.topic,
                verified: true, requestHeaders: HeaderRedaction.json(request.headers), requestBody: webhook.body, responseStatus: 200,
                responseBody: #"{"received":true}"#, status: .pending, error: nil)
            guard let id = try await InboundEventStore.insert(event, in: transaction) else {
                return WebhookReceipt(outcome: .duplicate, eventID: nil)
            }
            try await self.enqueueProcessing([id], in: transaction)
            return WebhookReceipt(outcome: .accepted, eventID: id)
        }
    }

    public func ebayChallengeResponse(webhookKey: String, code: String, endpointURL: String) async throws -> String {
        let route = try await self.database.withSystem { transaction in try await InstanceStore.route(webhookKey: webhookKey, in: transaction) }
        guard let route, route.provider == .ebay else { throw IntegrationsError.webhookEndpointUnknown }
        let credentials = try self.credentials(of: route)
        return try EbayChannel(
            context: self.channelContext(tenant: route.tenant, instance: route.instance, apiBaseURL: route.apiBaseURL, credentials: credentials)
        ).challengeResponse(code: code, endpointURL: endpointURL)
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
