import InventoryContracts

/// The stock a batch of reservations draws on, as locked for them: each reservation takes, SKU by SKU, from the
/// warehouses in its strategy's order what each still has available, until its want is met. Either every want of a
/// reservation is met (and what it took is no longer available to the next) or its shortages are named and it takes
/// nothing.
struct Allocation {
    /// One warehouse's stock of a SKU, as locked for the reservations.
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

    private var candidates: [String: [Candidate]]

    init(_ candidates: [Candidate]) {
        self.candidates = Dictionary(grouping: candidates, by: \.sku)
    }

    mutating func take(_ wants: [ReservationWants.Want], strategy: AllocationStrategy) -> Result<[Take], InventoryError> {
        var takes: [Take] = []
        var shortages: [InventoryError.Shortage] = []
        for want in wants {
            let ordered = Self.order(self.candidates[want.sku] ?? [], strategy: strategy)
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
        guard shortages.isEmpty else { return .failure(.insufficientStock(shortages.sorted { $0.index < $1.index })) }
        for take in takes {
            self.candidates[take.sku] = self.candidates[take.sku]?.map { candidate in
                guard candidate.warehouseID == take.warehouseID else { return candidate }
                return Candidate(
                    sku: candidate.sku, warehouseID: candidate.warehouseID, warehouse: candidate.warehouse, priority: candidate.priority,
                    available: candidate.available - take.quantity)
            }
        }
        return .success(takes)
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
