import Foundation
import IntegrationsContracts
import Kernel
import Storage
import Synchronization

/// Writes verified webhook deliveries to the inbound event log, each with its processing job, and answers every delivery
/// only after the transaction holding it has committed. Deliveries arriving while the writers are busy are written
/// together (one transaction per tenant, one statement for the events and one for the jobs), so a burst costs a few
/// commits rather than one per delivery, and a lone delivery is written at once.
final class WebhookRecorder: Sendable {
    struct Delivery: Sendable {
        let tenant: TenantID
        let event: InboundEventStore.NewDelivery
    }

    private struct Waiting {
        let delivery: Delivery
        let continuation: CheckedContinuation<InboundEventID?, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writers = 0
    }

    /// Enough concurrent transactions to keep PostgreSQL's group commit busy, few enough to leave the pool to the rest.
    static let writers = 2
    static let batchLimit = 256
    static let answer = #"{"received":true}"#

    private let database: Database
    private let state = Mutex(State())

    init(database: Database) {
        self.database = database
    }

    /// The delivery's event id once it is durable, or `nil` when its delivery id was already recorded.
    func record(_ delivery: Delivery) async throws -> InboundEventID? {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = self.state.withLock { state -> Bool in
                state.waiting.append(Waiting(delivery: delivery, continuation: continuation))
                guard state.writers < Self.writers else { return false }
                state.writers += 1
                return true
            }
            if startsWriter { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while let batch = self.nextBatch() {
            for (tenant, group) in Dictionary(grouping: batch, by: \.delivery.tenant) {
                await self.write(group, tenant: tenant)
            }
        }
    }

    /// The oldest waiting deliveries, or `nil` (and one writer fewer) when nothing waits.
    private func nextBatch() -> [Waiting]? {
        self.state.withLock { state -> [Waiting]? in
            guard !state.waiting.isEmpty else {
                state.writers -= 1
                return nil
            }
            let batch = Array(state.waiting.prefix(Self.batchLimit))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }

    /// Writes one tenant's deliveries in one transaction. Should that fail with more than one delivery in it, each is
    /// written alone, so a delivery the database refuses fails only itself and not the ones batched with it.
    private func write(_ group: [Waiting], tenant: TenantID) async {
        do {
            let ids = try await self.database.withTenant(tenant) { transaction in
                let ids = try await InboundEventStore.insert(group.map(\.delivery.event), answer: Self.answer, in: transaction)
                try await ProcessInboundEvent.enqueue(ids.compactMap { $0 }, in: transaction)
                return ids
            }
            for (waiting, id) in zip(group, ids) { waiting.continuation.resume(returning: id) }
        } catch {
            guard group.count > 1, Self.refusesData(error) else {
                for waiting in group { waiting.continuation.resume(throwing: error) }
                return
            }
            for waiting in group { await self.write([waiting], tenant: tenant) }
        }
    }

    /// Whether the database refused a value or a row (a data exception or an integrity violation), as opposed to the
    /// connection or the server failing, when writing the batch again one by one would only add load.
    private static func refusesData(_ error: any Error) -> Bool {
        guard let state = SQLState(of: error) else { return false }
        return state.isDataException || state.isIntegrityViolation
    }
}
