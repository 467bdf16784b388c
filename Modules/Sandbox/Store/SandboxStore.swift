import Foundation
import Kernel

/// Every sandbox channel's orders and stock, generated from a seed so two runs serve the same stores, and changed only by
/// the pushes the channels accept and by `advance` (the stream of new and updated orders).
public actor SandboxStore {
    public nonisolated let catalog: SandboxCatalog
    private var generator: SeededGenerator
    private var orders: [Provider: [SandboxOrder]]
    private var stock: [Provider: [String: Int]] = [:]
    /// When each channel last changed each product (its listing, or its stock).
    private var productChanges: [Provider: [String: Date]] = [:]
    private var shipmentCounter: Int
    private var refundCounter: Int

    static let buyers = [
        ("Ada Lovelace", "ada@example.com"), ("Grace Hopper", "grace@example.com"), ("Alan Turing", "alan@example.com"),
        ("Katherine Johnson", "katherine@example.com"), ("Edsger Dijkstra", "edsger@example.com"), ("Barbara Liskov", "barbara@example.com"),
    ]

    init(seed: UInt64, ordersPerChannel: Int, now: Date) {
        var generator = SeededGenerator(seed: seed)
        let catalog = SandboxCatalog(generator: &generator)
        var orders: [Provider: [SandboxOrder]] = [:]
        var shipments = 0
        var refunds = 0
        let listed = now.addingTimeInterval(-Double(ordersPerChannel + 1) * 3600)
        for provider in SandboxChannels.providers {
            self.stock[provider] = Dictionary(uniqueKeysWithValues: catalog.items.map { ($0.sku, 50 + $0.index * 5) })
            self.productChanges[provider] = Dictionary(
                uniqueKeysWithValues: catalog.items.map { ($0.sku, listed.addingTimeInterval(Double($0.index) * 60)) })
            for sequence in 1...max(1, ordersPerChannel) {
                let created = now.addingTimeInterval(-Double(ordersPerChannel - sequence + 1) * 3600)
                var order = Self.makeOrder(provider, sequence: sequence, at: created, catalog: catalog, generator: &generator)
                if sequence % 4 == 0 {
                    shipments += 1
                    order = Self.shipAll(order, shipment: Self.shipmentID(shipments), carrier: "UPS", at: created.addingTimeInterval(1800))
                }
                if sequence % 5 == 0 {
                    refunds += 1
                    order = Self.refundFirstUnit(of: order, id: Self.refundID(refunds), on: created.addingTimeInterval(7200))
                }
                orders[provider, default: []].append(order)
            }
        }
        self.catalog = catalog
        self.generator = generator
        self.orders = orders
        self.shipmentCounter = shipments
        self.refundCounter = refunds
    }

    // MARK: Reading

    /// Orders changed at or after `since`, oldest change first (ties by sequence), as the providers' list calls sort.
    public func orders(_ provider: Provider, updatedSince since: Date) -> [SandboxOrder] {
        (self.orders[provider] ?? []).filter { $0.updatedAt >= since }.sorted { ($0.updatedAt, $0.sequence) < ($1.updatedAt, $1.sequence) }
    }

    public func order(_ provider: Provider, id: String) -> SandboxOrder? {
        self.orders[provider]?.first { $0.id == id }
    }

    public func allOrders(_ provider: Provider) -> [SandboxOrder] {
        self.orders[provider] ?? []
    }

    /// The catalog as `provider` lists it: every item changed at or after `since`, oldest change first, with its stock.
    public func products(_ provider: Provider, updatedSince since: Date) -> [SandboxProduct] {
        self.catalog.items.compactMap { item -> SandboxProduct? in
            guard let changed = self.productChanges[provider]?[item.sku], changed >= since else { return nil }
            return SandboxProduct(item: item, updatedAt: changed, quantity: self.stock[provider]?[item.sku] ?? 0)
        }
        .sorted { ($0.updatedAt, $0.item.index) < ($1.updatedAt, $1.item.index) }
    }

    /// Refunds issued at or after `since` with their orders, oldest first.
    public func refunds(_ provider: Provider, since: Date) -> [(order: SandboxOrder, refund: SandboxOrder.Refund)] {
        (self.orders[provider] ?? []).flatMap { order in order.refunds.filter { $0.createdAt >= since }.map { (order, $0) } }
            .sorted { ($0.refund.createdAt, $0.refund.id) < ($1.refund.createdAt, $1.refund.id) }
    }

    public func quantity(_ provider: Provider, sku: String) -> Int? {
        self.stock[provider]?[sku]
    }

    public func stockLevels(_ provider: Provider) -> [String: Int] {
        self.stock[provider] ?? [:]
    }

    // MARK: Changing

    /// Sets a SKU's quantity; `false` when the channel does not list the SKU.
    func setQuantity(_ provider: Provider, sku: String, to quantity: Int) -> Bool {
        guard self.stock[provider]?[sku] != nil else { return false }
        self.stock[provider]?[sku] = quantity
        self.productChanges[provider]?[sku] = Date()
        return true
    }

    /// Records a shipment of `lines` (line id → quantity) on an order; the order is `shipped` once every unit has left.
    /// Fails with a message when the order is unknown, cancelled, or a line is over-shipped.
    func ship(
        _ provider: Provider, orderID: String, lines: [String: Int], carrier: String, trackingNumber: String, at now: Date
    ) -> Result<SandboxOrder.Shipment, SandboxRefusal> {
        guard let index = self.orders[provider]?.firstIndex(where: { $0.id == orderID }), var order = self.orders[provider]?[index] else {
            return .failure(SandboxRefusal(status: 404, message: "Order \(orderID) not found"))
        }
        guard order.status != .cancelled else { return .failure(SandboxRefusal(status: 400, message: "Order \(orderID) is cancelled")) }
        for (lineID, quantity) in lines {
            guard let line = order.lines.first(where: { $0.lineID == lineID }) else {
                return .failure(SandboxRefusal(status: 400, message: "Order \(orderID) has no line \(lineID)"))
            }
            guard quantity > 0, line.shipped + quantity <= line.quantity else {
                return .failure(SandboxRefusal(status: 400, message: "Line \(lineID) has \(line.quantity - line.shipped) left to ship"))
            }
        }
        for (position, line) in order.lines.enumerated() { order.lines[position].shipped += lines[line.lineID] ?? 0 }
        let shipment = SandboxOrder.Shipment(id: self.nextShipmentID(), carrier: carrier, trackingNumber: trackingNumber, lines: lines)
        order.shipments.append(shipment)
        if order.shippedCount == order.itemCount { order.status = .shipped }
        order.updatedAt = now
        self.orders[provider]?[index] = order
        return .success(shipment)
    }

    /// The stream: `newOrders` new orders, `updates` changed ones (the oldest open orders ship) and `refunds` refunded
    /// ones (a unit of the oldest orders not yet refunded) on every channel. Answers the orders that changed, per provider.
    func advance(newOrders: Int, updates: Int, refunds: Int = 0, at now: Date) -> [Provider: [SandboxOrder]] {
        var changed: [Provider: [SandboxOrder]] = [:]
        for provider in SandboxChannels.providers {
            var refunded: [SandboxOrder] = []
            for _ in 0..<max(0, refunds) {
                guard let index = self.orders[provider]?.firstIndex(where: { $0.refunds.isEmpty && $0.status != .cancelled }),
                    let order = self.orders[provider]?[index]
                else { break }
                self.refundCounter += 1
                let changed = Self.refundFirstUnit(of: order, id: Self.refundID(self.refundCounter), on: now)
                self.orders[provider]?[index] = changed
                refunded.append(changed)
            }
            for _ in 0..<max(0, updates) {
                guard let index = self.orders[provider]?.firstIndex(where: { $0.status == .open }), let order = self.orders[provider]?[index]
                else { break }
                let shipped = Self.shipAll(order, shipment: self.nextShipmentID(), carrier: "USPS", at: now)
                self.orders[provider]?[index] = shipped
                changed[provider, default: []].append(shipped)
            }
            for _ in 0..<max(0, newOrders) {
                let order = Self.makeOrder(
                    provider, sequence: (self.orders[provider]?.count ?? 0) + 1, at: now, catalog: self.catalog, generator: &self.generator)
                self.orders[provider, default: []].append(order)
                changed[provider, default: []].append(order)
            }
            let later = Set((changed[provider] ?? []).map(\.id))
            changed[provider] = refunded.filter { !later.contains($0.id) } + (changed[provider] ?? [])
        }
        return changed
    }

    private static func makeOrder(
        _ provider: Provider, sequence: Int, at created: Date, catalog: SandboxCatalog, generator: inout SeededGenerator
    ) -> SandboxOrder {
        let identity = SandboxChannels.type(for: provider).orderIdentity(sequence: sequence)
        let lineCount = Int.random(in: 1...3, using: &generator)
        var skus = Set<String>()
        var lines: [SandboxOrder.Line] = []
        for position in 0..<lineCount {
            let item = catalog.items[Int.random(in: 0..<catalog.items.count, using: &generator)]
            guard skus.insert(item.sku).inserted else { continue }
            lines.append(
                SandboxOrder.Line(
                    lineID: SandboxChannels.type(for: provider).lineID(sequence: sequence, position: position), sku: item.sku, title: item.title,
                    quantity: Int.random(in: 1...3, using: &generator), unitPrice: item.price, shipped: 0))
        }
        let buyer = Self.buyers[Int.random(in: 0..<Self.buyers.count, using: &generator)]
        return SandboxOrder(
            provider: provider, sequence: sequence, id: identity.id, number: identity.number, createdAt: created, updatedAt: created,
            status: .open, lines: lines, shipments: [], buyerName: buyer.0, buyerEmail: buyer.1,
            shippingCost: Decimal(Int.random(in: 0...2, using: &generator)) * Decimal(string: "4.99")!)
    }

    private static func shipAll(_ order: SandboxOrder, shipment id: String, carrier: String, at now: Date) -> SandboxOrder {
        var order = order
        let lines = Dictionary(uniqueKeysWithValues: order.lines.map { ($0.lineID, $0.quantity - $0.shipped) })
        order.shipments.append(SandboxOrder.Shipment(id: id, carrier: carrier, trackingNumber: "1Z\(order.sequence)SANDBOX\(id)", lines: lines))
        for position in order.lines.indices { order.lines[position].shipped = order.lines[position].quantity }
        order.status = .shipped
        order.updatedAt = now
        return order
    }

    /// The order with one unit of its first line refunded, with that unit's share of tax.
    private static func refundFirstUnit(of order: SandboxOrder, id: String, on date: Date) -> SandboxOrder {
        guard let line = order.lines.first else { return order }
        var order = order
        let tax = (order.lineTax(line) / Decimal(line.quantity)).rounded(2)
        order.refunds.append(
            SandboxOrder.Refund(
                id: id, createdAt: date,
                lines: [SandboxOrder.Refund.Line(lineID: line.lineID, sku: line.sku, quantity: 1, subtotal: line.unitPrice, tax: tax)],
                reason: "Damaged in transit"))
        order.updatedAt = max(order.updatedAt, date)
        return order
    }

    private static func refundID(_ number: Int) -> String {
        String(9_100_000 + number)
    }

    private func nextShipmentID() -> String {
        self.shipmentCounter += 1
        return Self.shipmentID(self.shipmentCounter)
    }

    private static func shipmentID(_ number: Int) -> String {
        String(7_000_000 + number)
    }
}

/// A request the sandbox channel refuses, with the status the provider would answer.
public struct SandboxRefusal: Error, Sendable, Equatable {
    public let status: Int
    public let message: String
}
