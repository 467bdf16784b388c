import InventoryContracts
import Kernel
import Storage

/// Reserves the checkouts that queued while the previous batch committed, in one transaction: their SKUs' stock is
/// locked once (in SKU and warehouse order), each reservation in turn takes what it asks for or nothing, and the granted
/// ones are written together with their expiry jobs. Many clients reserving one hot SKU thus cost a commit per batch
/// rather than one per reservation, and no reservation is ever granted that would make available stock negative.
enum ReservationBatch {
    struct Pending: Sendable {
        let request: ReservationRequest
        let wants: [ReservationWants.Want]
    }

    static func write(_ pending: [Pending], in transaction: Transaction) async throws -> [Result<Reservation, any Error>] {
        let strategies = pending.contains { $0.request.channel != nil } ? try await WarehouseStore.strategies(in: transaction) : [:]
        let skus = Set(pending.flatMap { $0.wants.map(\.sku) }).sorted()
        var allocation = Allocation(try await StockStore.candidates(for: skus, in: transaction))
        let outcomes = pending.map { pending in
            allocation.take(pending.wants, strategy: pending.request.channel.flatMap { strategies[$0] } ?? .priority)
        }
        var answers = [Result<Reservation, any Error>?](repeating: nil, count: pending.count)
        var granted: [(index: Int, takes: [Allocation.Take])] = []
        for (index, outcome) in outcomes.enumerated() {
            switch outcome {
            case .success(let takes): granted.append((index, takes))
            case .failure(let error): answers[index] = .failure(error)
            }
        }
        let opened = try await ReservationStore.open(granted.map { pending[$0.index].request }, in: transaction)
        try await JobQueue.enqueueBatch(
            opened.map { ExpireReservation(reservationID: $0.id) }, uniqueKeys: opened.map { "reservation:\($0.id)" },
            runAt: opened.map(\.expiresAt), in: transaction)
        try await StockStore.hold(zip(opened, granted).map { ($0.id, $1.takes) }, in: transaction)
        for (opened, granted) in zip(opened, granted) {
            let request = pending[granted.index].request
            answers[granted.index] = .success(
                Reservation(
                    id: opened.id, state: .active, orderRef: request.orderRef, channel: request.channel, expiresAt: opened.expiresAt,
                    createdAt: opened.createdAt, endedAt: nil,
                    lines: granted.takes.map { ReservationLine(sku: $0.sku, warehouse: $0.warehouse, quantity: $0.quantity) }))
        }
        return answers.compactMap(\.self)
    }
}
