import Foundation
import IntegrationsContracts
import Kernel
import Storage

/// Writes verified webhook deliveries to the inbound event log, each with its processing job, and answers every delivery
/// only after the transaction holding it has committed. Deliveries arriving while the writers are busy are written
/// together (one transaction per tenant, one statement for the events and one for the jobs), so a burst costs a few
/// commits rather than one per delivery, and a lone delivery is written at once.
final class WebhookRecorder: Sendable {
    struct Delivery: Sendable {
        let tenant: TenantID
        let event: InboundEventStore.NewDelivery
    }

    static let answer = #"{"received":true}"#

    private let commits: GroupCommit<InboundEventStore.NewDelivery, InboundEventID?>

    init(database: Database) {
        self.commits = GroupCommit(database: database) { deliveries, transaction in
            let ids = try await InboundEventStore.insert(deliveries, answer: Self.answer, in: transaction)
            try await ProcessInboundEvent.enqueue(ids.compactMap { $0 }, in: transaction)
            return ids.map { .success($0) }
        }
    }

    /// The delivery's event id once it is durable, or `nil` when its delivery id was already recorded.
    func record(_ delivery: Delivery) async throws -> InboundEventID? {
        try await self.commits.submit(delivery.event, tenant: delivery.tenant)
    }
}
