import Foundation
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
        return try await self.write(changes, rowsNamed: true, by: actor, tenant: tenant)
    }

    public func setQuantity(_ change: StockChange, by actor: StockActor, tenant: TenantID) async throws -> SkuStock {
        try StockChangeRules.validate(change)
        return try await self.write([change], rowsNamed: false, by: actor, tenant: tenant)[0]
    }

    /// Writes valid changes; an unknown warehouse refuses them all, by row when `rowsNamed`.
    private func write(_ changes: [StockChange], rowsNamed: Bool, by actor: StockActor, tenant: TenantID) async throws -> [SkuStock] {
        try await self.database.withTenant(tenant) { transaction in
            let codes = changes.map { $0.warehouse ?? Warehouse.defaultCode }
            let (ids, createdDefault) = try await WarehouseStore.ids(codes: Set(codes), in: transaction)
            if createdDefault { try await Self.scheduleExpirySweep(in: transaction) }
            let keys = zip(changes, codes).compactMap { change, code in ids[code].map { LevelKey(sku: change.sku, warehouseID: $0) } }
            guard keys.count == changes.count else {
                let unknown = codes.enumerated().filter { ids[$0.element] == nil }
                var seen: Set<String> = []
                throw InventoryError.unknownWarehouses(
                    unknown.map(\.element).filter { seen.insert($0).inserted },
                    rows: rowsNamed
                        ? unknown.map { RowError(index: $0.offset, messages: ["No warehouse has the code '\($0.element.prefix(64))'."]) } : [])
            }
            let current = try await StockStore.lock(creating: keys, in: transaction)
            let onHand = Dictionary(current.map { ($0.key, $0.onHand) }, uniquingKeysWith: { first, _ in first })
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

    /// How the expiry job found a reservation.
    enum Expiry: Equatable {
        case expired
        case alreadyEnded
        /// Still active and not due until then (the job ran early).
        case notDue(Date)
    }

    /// Ends a reservation whose time has passed (the expiry job).
    func expire(_ id: Int64, tenant: TenantID) async throws -> Expiry {
        try await self.database.withTenant(tenant) { transaction in
            if try await Self.free(id, as: .expired, in: transaction) != nil { return .expired }
            guard let reservation = try await ReservationStore.find(id, in: transaction), reservation.state == .active else { return .alreadyEnded }
            return .notDue(reservation.expiresAt)
        }
    }

    /// Ends up to `limit` of the tenant's active reservations whose time has passed, each in its own transaction (so
    /// stock rows stay locked in SKU order); answers how many ended.
    func expireDue(tenant: TenantID, limit: Int) async throws -> Int {
        let due = try await self.database.withTenant(tenant) { try await ReservationStore.due(limit: limit, in: $0) }
        var expired = 0
        for id in due where try await self.expire(id, tenant: tenant) == .expired { expired += 1 }
        return expired
    }

    public func saveWarehouse(_ warehouse: WarehouseInput, tenant: TenantID) async throws -> Warehouse {
        if let reason = StockText.problem(warehouse.code, limit: 64) {
            throw InventoryError.invalidField(field: "code", reason: reason)
        }
        if let reason = StockText.problem(warehouse.name) { throw InventoryError.invalidField(field: "name", reason: reason) }
        guard (0...10_000).contains(warehouse.priority) else {
            throw InventoryError.invalidField(field: "priority", reason: "must be a whole number from 0 to 10000, not \(warehouse.priority).")
        }
        return try await self.database.withTenant(tenant) { transaction in
            try await Self.scheduleExpirySweep(in: transaction)
            return try await WarehouseStore.save(warehouse, in: transaction)
        }
    }

    public func setAllocationStrategy(_ strategy: AllocationStrategy?, channel: String, tenant: TenantID) async throws {
        if let reason = StockText.problem(channel) { throw InventoryError.invalidField(field: "channel", reason: reason) }
        try await self.database.withTenant(tenant) { try await WarehouseStore.setStrategy(strategy, channel: channel, in: $0) }
    }

    /// Ends an active reservation: frees what it held from the reserved quantities, then lets `settle` change on-hand
    /// quantities with the levels still locked. Throws when the reservation is unknown or already ended; one asked to
    /// commit after its time is expired there and then (that much is kept) and answered as expired.
    private func end(
        _ id: Int64, as state: ReservationState, tenant: TenantID,
        settle: @Sendable ([(level: StockStore.Locked, held: Int64)], String?, Transaction) async throws -> Void
    ) async throws -> Reservation {
        let outcome: Result<Reservation, InventoryError> = try await self.database.withTenant(tenant) { transaction in
            if let freed = try await Self.free(id, as: state, in: transaction) {
                try await settle(freed.held, freed.orderRef, transaction)
                guard let reservation = try await ReservationStore.find(id, in: transaction) else {
                    return .failure(.reservationNotFound(String(id)))
                }
                return .success(reservation)
            }
            if try await Self.free(id, as: .expired, in: transaction) != nil { return .failure(.reservationEnded(id: id, state: .expired)) }
            guard let reservation = try await ReservationStore.find(id, in: transaction) else { return .failure(.reservationNotFound(String(id))) }
            return .failure(.reservationEnded(id: id, state: reservation.state))
        }
        return try outcome.get()
    }
}

extension InventoryService {
    /// A tenant's first warehouse starts the minute-by-minute sweep of overdue reservations (`ExpireDueReservations`).
    fileprivate static func scheduleExpirySweep(in transaction: Transaction) async throws {
        try await JobSchedules.upsert(name: ExpireDueReservations.scheduleName, payload: ExpireDueReservations(), everyMinutes: 1, in: transaction)
    }

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
