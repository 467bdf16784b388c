import InventoryContracts
import Kernel
import Storage

/// The Inventory context's writes.
public struct InventoryService: InventoryFacade {
    let database: Database
    private let reservations: GroupCommit<ReservationBatch.Pending, Reservation>

    public init(database: Database) {
        self.database = database
        self.reservations = GroupCommit(database: database) { pending, transaction in
            try await ReservationBatch.write(pending, in: transaction)
        }
    }

    public func setQuantities(_ changes: [StockChange], by actor: StockActor, tenant: TenantID) async throws -> [SkuStock] {
        try StockChangeRules.validate(changes)
        return try await self.database.withTenant(tenant) { transaction in
            let codes = changes.map { $0.warehouse ?? Warehouse.defaultCode }
            let ids = try await WarehouseStore.ids(codes: Set(codes), in: transaction)
            let keys = try zip(changes, codes).map { change, code in
                guard let id = ids[code] else { throw InventoryError.unknownWarehouse(code) }
                return LevelKey(sku: change.sku, warehouseID: id)
            }
            let current = try await StockStore.lock(creating: keys, in: transaction)
            let onHand = Dictionary(uniqueKeysWithValues: current.map { ($0.key, $0.onHand) })
            let writes = zip(changes, keys).map { change, key in
                StockStore.OnHandWrite(
                    key: key, onHand: change.quantity, delta: change.quantity - (onHand[key] ?? 0), kind: "set", reason: change.reason,
                    reference: nil)
            }
            try await StockStore.write(writes, by: actor, in: transaction)
            var seen: Set<String> = []
            return try await StockStore.stock(of: changes.map(\.sku).filter { seen.insert($0).inserted }, in: transaction)
        }
    }

    /// Reservations queue for the next batch (`ReservationBatch`): a lone one is written at once, and each is answered
    /// once the transaction holding it has committed.
    public func reserve(_ request: ReservationRequest, tenant: TenantID) async throws -> Reservation {
        let wants = try ReservationWants(request).wants
        return try await self.reservations.submit(ReservationBatch.Pending(request: request, wants: wants), tenant: tenant)
    }

    public func release(_ id: Int64, tenant: TenantID) async throws -> Reservation {
        try await self.end(id, as: .released, tenant: tenant) { _, _, _ in }
    }

    public func commit(_ id: Int64, by actor: StockActor, tenant: TenantID) async throws -> Reservation {
        try await self.end(id, as: .committed, tenant: tenant) { held, orderRef, transaction in
            let writes = held.map { level, quantity in
                let taken = min(quantity, level.onHand)
                let order = orderRef.map { "order \($0)" }
                let short = taken < quantity ? "\(quantity - taken) more than the counted stock" : nil
                return StockStore.OnHandWrite(
                    key: level.key, onHand: level.onHand - taken, delta: -taken, kind: "order",
                    reason: [order, short].compactMap(\.self).joined(separator: "; ").nilIfEmpty, reference: "reservation:\(id)")
            }
            try await StockStore.write(writes, by: actor, in: transaction)
        }
    }

    /// Ends a reservation whose time has passed (the expiry job); answers whether it was still active.
    func expire(_ id: Int64, tenant: TenantID) async throws -> Bool {
        try await self.database.withTenant(tenant) { transaction in
            try await Self.free(id, as: .expired, in: transaction) != nil
        }
    }

    public func saveWarehouse(_ warehouse: WarehouseInput, tenant: TenantID) async throws -> Warehouse {
        if let reason = StockText.problem(warehouse.code, name: "code", limit: 64) {
            throw InventoryError.invalidField(field: "code", reason: reason)
        }
        if let reason = StockText.problem(warehouse.name, name: "name") { throw InventoryError.invalidField(field: "name", reason: reason) }
        guard (0...10_000).contains(warehouse.priority) else {
            throw InventoryError.invalidField(field: "priority", reason: "must be a whole number from 0 to 10000, not \(warehouse.priority).")
        }
        return try await self.database.withTenant(tenant) { try await WarehouseStore.save(warehouse, in: $0) }
    }

    public func setAllocationStrategy(_ strategy: AllocationStrategy?, channel: String, tenant: TenantID) async throws {
        if let reason = StockText.problem(channel, name: "channel") { throw InventoryError.invalidField(field: "channel", reason: reason) }
        try await self.database.withTenant(tenant) { try await WarehouseStore.setStrategy(strategy, channel: channel, in: $0) }
    }

    /// Ends an active reservation: frees what it held from the reserved quantities, then lets `settle` change on-hand
    /// quantities with the levels still locked. Throws when the reservation is unknown or already ended.
    private func end(
        _ id: Int64, as state: ReservationState, tenant: TenantID,
        settle: @Sendable ([(level: StockStore.Locked, held: Int64)], String?, Transaction) async throws -> Void
    ) async throws -> Reservation {
        try await self.database.withTenant(tenant) { transaction in
            guard let freed = try await Self.free(id, as: state, in: transaction) else {
                guard let reservation = try await ReservationStore.find(id, in: transaction) else {
                    throw InventoryError.reservationNotFound(String(id))
                }
                throw InventoryError.reservationEnded(id: id, state: reservation.state == .active ? .expired : reservation.state)
            }
            try await settle(freed.held, freed.orderRef, transaction)
            guard let reservation = try await ReservationStore.find(id, in: transaction) else { throw InventoryError.reservationNotFound(String(id)) }
            return reservation
        }
    }
}

extension InventoryService {
    /// Ends an active reservation in `state` and takes what it held off the reserved quantities, leaving those levels
    /// locked; answers what it held and the order it was for, or `nil` when it could not end (unknown, ended, or not in
    /// its time for `state`).
    fileprivate static func free(_ id: Int64, as state: ReservationState, in transaction: Transaction) async throws -> (
        held: [(level: StockStore.Locked, held: Int64)], orderRef: String?
    )? {
        let ended = try await ReservationStore.end(id, as: state, in: transaction)
        guard ended.ended else { return nil }
        let held = try await StockStore.lock(heldBy: id, in: transaction)
        try await StockStore.unhold(reservation: id, in: transaction)
        return (held, ended.orderRef)
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { self.isEmpty ? nil : self }
}
