import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Storage

extension IntegrationsService {
    /// Keeps a channel partner API call in the inbound event log, secret headers redacted: `completed` when it was
    /// answered 2xx, `failed` with the error otherwise. Partner calls are answered when made, so they are never queued.
    public func recordPartnerCall(_ call: PartnerCall, tenant: TenantID) async throws {
        let succeeded = (200..<300).contains(call.responseStatus)
        try await self.database.withTenant(tenant) { transaction in
            _ = try await InboundEventStore.insert(
                InboundEventStore.NewEvent(
                    instance: call.instance, source: .partnerAPI, endpoint: call.endpoint, deliveryID: nil, topic: nil, verified: true,
                    requestHeaders: HeaderRedaction.json(WebhookRequest.joined(call.headers)), requestBody: call.requestBody,
                    responseStatus: call.responseStatus, responseBody: call.responseBody, status: succeeded ? .completed : .failed,
                    error: succeeded ? nil : call.error),
                in: transaction)
        }
    }
}
