import Foundation
import Kernel

/// What the edges and other contexts may ask of the Integrations context.
public protocol IntegrationsFacade: Sendable {
    func createInstance(_ new: NewIntegrationInstance, tenant: TenantID, actor: String) async throws -> IntegrationInstance
    func updateInstance(_ id: IntegrationInstanceID, _ update: InstanceUpdate, tenant: TenantID, actor: String) async throws -> IntegrationInstance
    func enableChannel(_ id: IntegrationInstanceID, _ enablement: ChannelEnablement, tenant: TenantID, actor: String) async throws
        -> IntegrationInstance
    /// Records where the setup wizard stands (`integration_settings.setup_step`); `completed` marks the setup done for
    /// good (it is never set back).
    func updateSetupStep(_ id: IntegrationInstanceID, step: String, completed: Bool, tenant: TenantID, actor: String) async throws
        -> IntegrationInstance
    /// Queues a tracked pull of the instance's changed orders, products or refunds now; answers the job's id. With `since`,
    /// the pull starts there if that is earlier than where the next one would (a one-shot backfill; ingestion is
    /// idempotent, so what is stored already is stored again unchanged).
    func syncNow(_ id: IntegrationInstanceID, _ resource: RemoteResource, since: Date?, tenant: TenantID, actor: String) async throws -> Int64
    /// Starts a seller's consent for an instance holding its app's credentials: the provider's page and when the offer
    /// lapses (15 minutes).
    func startAuthorization(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> AuthorizationStart
    /// Completes a consent from what reached the provider's callback (query parameters and body members). A refused,
    /// forged or lapsed consent changes nothing and is an outcome, not an error.
    func completeAuthorization(provider: Provider, parameters: [String: String]) async throws -> AuthorizationOutcome
    /// What connecting an instance of `provider` takes.
    func authorizationSetup(_ provider: Provider) -> AuthorizationSetup
    /// Queues a tracked refresh of the carriers the instance's channel accepts (also run weekly); answers the job's id.
    func refreshCarrierCodes(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> Int64
    /// Reports a shipment to the instance's channel, recorded in its sync history as a fulfillment writeback, and queues a
    /// pull of its orders so the order shows what the channel made of it. Meant for jobs: throws `JobFailure.permanent`
    /// when retrying cannot help (the channel refused, the instance is gone), `JobFailure.retryAfter` when the channel
    /// throttles, and any other error when a later attempt may succeed.
    func confirmShipment(_ shipment: ShipmentConfirmation, instance: IntegrationInstanceID, tenant: TenantID) async throws -> ShipmentReceipt
    /// Drops the credentials and stops all sync; the instance and its history stay.
    func disconnectInstance(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> IntegrationInstance
    /// Soft-deletes the instance and queues the cleanup of its events.
    func deleteInstance(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> IntegrationInstance

    /// Verifies, records and queues a webhook delivery for `provider`; a refused delivery is recorded as failed and throws
    /// its `WebhookRejection`-kind error.
    func receiveWebhook(_ webhook: IncomingWebhook, provider: Provider) async throws -> WebhookReceipt

    /// eBay's endpoint validation: the `challengeResponse` for `code` at the instance behind `webhookKey`.
    func ebayChallengeResponse(webhookKey: String, code: String, endpointURL: String) async throws -> String

    /// Queues a failed event again; any other status is refused.
    func reprocessEvent(_ id: InboundEventID, tenant: TenantID, actor: String) async throws -> InboundEvent
    /// Queues up to `limit` (1–500) pending events that have no queued job; returns how many.
    func processPendingEvents(instance: IntegrationInstanceID?, limit: Int, tenant: TenantID, actor: String) async throws -> Int
    /// Queues up to `limit` (1–500) failed events again; returns how many.
    func retryFailedEvents(instance: IntegrationInstanceID?, limit: Int, tenant: TenantID, actor: String) async throws -> Int
    /// Deletes the given events (those that exist); returns how many.
    func deleteEvents(_ ids: [InboundEventID], tenant: TenantID, actor: String) async throws -> Int
    func deleteAllEvents(instance: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> Int
    /// Keeps a channel partner API call (made with a channel token) in the inbound event log.
    func recordPartnerCall(_ call: PartnerCall, tenant: TenantID) async throws
}
