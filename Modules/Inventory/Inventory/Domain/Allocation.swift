import InventoryContracts

/// How a reservation's wants are drawn from warehouses: each SKU from its warehouses in the strategy's order, taking
/// what each has available until the want is met. Either every want is met or the shortages are named.
enum Allocation {
    /// One warehouse's stock of a SKU, as locked for the reservation.
    struct Candidate: Sendable, Equatable {
        let sku: String
        let warehouseID: Int64
        let warehouse: String
        let priority: Int
        let available: Int64
    }

    struct Take: Sendable, Equatable {
        let sku: String
        let warehouseID: Int64
        let warehouse: String
        let quantity: Int64
    }

    static func allocate(
        _ wants: [ReservationWants.Want], from candidates: [Candidate], strategy: AllocationStrategy
    ) -> Result<[Take], InventoryError> {
        let bySKU = Dictionary(grouping: candidates, by: \.sku)
        var takes: [Take] = []
        var shortages: [InventoryError.Shortage] = []
        for want in wants {
            let ordered = Self.order(bySKU[want.sku] ?? [], strategy: strategy)
            var remaining = want.quantity
            for candidate in ordered where remaining > 0 && candidate.available > 0 {
                let quantity = min(remaining, candidate.available)
                takes.append(Take(sku: want.sku, warehouseID: candidate.warehouseID, warehouse: candidate.warehouse, quantity: quantity))
                remaining -= quantity
            }
            if remaining > 0 {
                let available = ordered.reduce(0) { $0 + max($1.available, 0) }
                shortages.append(InventoryError.Shortage(index: want.index, sku: want.sku, requested: want.quantity, available: available))
            }
        }
        return shortages.isEmpty ? .success(takes) : .failure(.insufficientStock(shortages.sorted { $0.index < $1.index }))
    }

    private static func order(_ candidates: [Candidate], strategy: AllocationStrategy) -> [Candidate] {
        switch strategy {
        case .priority:
            candidates.sorted { ($0.priority, $0.warehouseID) < ($1.priority, $1.warehouseID) }
        case .highestStock:
            candidates.sorted { ($1.available, $0.warehouseID) < ($0.available, $1.warehouseID) }
        }
    }
}
