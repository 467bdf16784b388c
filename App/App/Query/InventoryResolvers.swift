import Foundation
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import QueryLanguage
import Storage

/// The Inventory context in the query language (`inventory.graphql`): master stock, its ledger, reservations,
/// warehouses and allocation strategies, and every change the sales-channel REST surface makes.
enum InventoryResolvers {
    static let maxSKUs = 250

    struct SKUsArgument: Decodable, Sendable { let skus: [String] }
    struct IDArgument: Decodable, Sendable { let id: String }
    struct LedgerArguments: RelayPagedArguments {
        let sku: String
        let first: Int?
        let after: String?
        let last: Int?
        let before: String?
    }
    struct ChangesArgument: Decodable, Sendable {
        struct Change: Decodable, Sendable {
            let sku: String
            let quantity: Int
            let warehouse: String?
            let reason: String?
        }
        let changes: [Change]
    }
    struct ReserveArgument: Decodable, Sendable {
        struct Input: Decodable, Sendable {
            struct Item: Decodable, Sendable {
                let sku: String
                let quantity: Int
            }
            let items: [Item]
            let orderRef: String?
            let channel: String?
            let ttlSeconds: Int?
        }
        let input: Input
    }
    struct WarehouseArgument: Decodable, Sendable {
        struct Input: Decodable, Sendable {
            let code: String
            let name: String
            let priority: Int?
        }
        let input: Input
    }
    struct StrategyArguments: Decodable, Sendable {
        let channel: String
        let strategy: String?
    }

    struct QuantitiesPayload: Sendable {
        let items: [SkuStock]?
        let userErrors: [UserErrorView]
    }
    struct ReservationPayload: Sendable {
        let reservation: Reservation?
        let userErrors: [UserErrorView]
    }
    struct WarehousePayload: Sendable {
        let warehouse: Warehouse?
        let userErrors: [UserErrorView]
    }
    struct ChannelStrategy: Sendable {
        let channel: String
        let strategy: AllocationStrategy
    }
    struct StrategyPayload: Sendable {
        let strategy: ChannelStrategy?
        let userErrors: [UserErrorView]
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.connection("InventoryLedgerEntryConnection", edgeType: "InventoryLedgerEntryEdge", node: LedgerEntry.self)
        self.registerQueries(in: &bindings)
        self.registerMutations(in: &bindings)
        self.registerTypes(in: &bindings)
    }

    private static func registerQueries(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.list("inventoryItems", SkuStock.self, arguments: SKUsArgument.self) { parents, arguments, context in
                guard (1...Self.maxSKUs).contains(arguments.skus.count) else {
                    throw UserInputError(
                        field: ["skus"], message: "Name from 1 to \(Self.maxSKUs) SKUs, not \(arguments.skus.count).", code: "INVALID_SKUS")
                }
                let stock = try await context.context.read { try await InventoryReads.stock(of: arguments.skus, in: $0) }
                return parents.map { _ in stock.map(Optional.some) }
            }
            query.connection(
                "inventoryLedger", LedgerEntry.self, arguments: LedgerArguments.self,
                page: { arguments, page, transaction in try await InventoryReads.ledger(sku: arguments.sku, page: page, in: transaction) },
                count: { arguments, transaction in try await InventoryReads.ledgerCount(sku: arguments.sku, in: transaction) })
            query.object("inventoryReservation", Reservation.self, arguments: IDArgument.self) { parents, arguments, context in
                let id = try self.reservationID(arguments.id, field: ["id"])
                let reservation = try await context.context.read { try await InventoryReads.reservation(id, in: $0) }
                return parents.map { _ in reservation }
            }
            query.list("warehouses", Warehouse.self, arguments: NoArguments.self) { parents, _, context in
                let warehouses = try await context.context.read { try await InventoryReads.warehouses(in: $0) }
                return parents.map { _ in warehouses.map(Optional.some) }
            }
            query.list("inventoryAllocationStrategies", ChannelStrategy.self, arguments: NoArguments.self) { parents, _, context in
                let strategies = try await context.context.read { try await InventoryReads.allocationStrategies(in: $0) }
                let sorted = strategies.sorted { $0.key < $1.key }.map { ChannelStrategy(channel: $0.key, strategy: $0.value) }
                return parents.map { _ in sorted.map(Optional.some) }
            }
        }
    }

    private static func registerMutations(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Mutation") { mutation in
            mutation.object("inventorySetQuantities", QuantitiesPayload.self, arguments: ChangesArgument.self) { parents, arguments, context in
                let query = context.context
                let changes = arguments.changes.map {
                    StockChange(sku: $0.sku, quantity: Int64($0.quantity), warehouse: $0.warehouse, reason: $0.reason)
                }
                let (items, errors) = try await query.attempt(role: .staff, present: { UserErrorView.all($0, argument: [], list: ["changes"]) }) {
                    try await query.inventory.setQuantities(changes, by: self.actor(query), tenant: query.principal.tenant)
                }
                return parents.map { _ in QuantitiesPayload(items: items, userErrors: errors) }
            }
            mutation.object("inventoryReserve", ReservationPayload.self, arguments: ReserveArgument.self) { parents, arguments, context in
                let query = context.context
                let input = arguments.input
                let request = ReservationRequest(
                    items: input.items.map { ReservationItem(sku: $0.sku, quantity: Int64($0.quantity)) }, orderRef: input.orderRef,
                    channel: input.channel, ttlSeconds: input.ttlSeconds ?? ReservationRequest.defaultTTLSeconds)
                let (reservation, errors) = try await query.attempt(
                    role: .staff, present: { UserErrorView.all($0, argument: ["input"], list: ["input", "items"], renamed: ["orderId": "orderRef"]) }
                ) {
                    try await query.inventory.reserve(request, tenant: query.principal.tenant)
                }
                return parents.map { _ in ReservationPayload(reservation: reservation, userErrors: errors) }
            }
            for (name, commit) in [("inventoryReservationRelease", false), ("inventoryReservationCommit", true)] {
                mutation.object(name, ReservationPayload.self, arguments: IDArgument.self) { parents, arguments, context in
                    let query = context.context
                    let (reservation, errors) = try await query.attempt(
                        role: .staff, present: { UserErrorView.all($0, argument: [], renamed: ["reservationId": "id"]) }
                    ) {
                        let id = try self.reservationID(arguments.id, field: ["id"])
                        return commit
                            ? try await query.inventory.commit(id, by: self.actor(query), tenant: query.principal.tenant)
                            : try await query.inventory.release(id, tenant: query.principal.tenant)
                    }
                    return parents.map { _ in ReservationPayload(reservation: reservation, userErrors: errors) }
                }
            }
            mutation.object("warehouseSave", WarehousePayload.self, arguments: WarehouseArgument.self) { parents, arguments, context in
                let query = context.context
                let input = arguments.input
                let (warehouse, errors) = try await query.attempt(
                    role: .admin, present: { UserErrorView.all($0, argument: ["input"], list: ["input", "items"], renamed: ["orderId": "orderRef"]) }
                ) {
                    try await query.inventory.saveWarehouse(
                        WarehouseInput(code: input.code, name: input.name, priority: input.priority ?? 100), tenant: query.principal.tenant)
                }
                return parents.map { _ in WarehousePayload(warehouse: warehouse, userErrors: errors) }
            }
            mutation.object("inventoryAllocationStrategySet", StrategyPayload.self, arguments: StrategyArguments.self) {
                parents, arguments, context in
                let query = context.context
                let strategy = arguments.strategy.flatMap { AllocationStrategy(rawValue: $0.lowercased()) }
                let (set, errors) = try await query.attempt(
                    role: .admin, present: { UserErrorView.all($0, argument: [], renamed: ["reservationId": "id"]) }
                ) {
                    try await query.inventory.setAllocationStrategy(strategy, channel: arguments.channel, tenant: query.principal.tenant)
                    return ChannelStrategy(channel: arguments.channel, strategy: strategy ?? .priority)
                }
                return parents.map { _ in StrategyPayload(strategy: set, userErrors: errors) }
            }
        }
    }

    private static func registerTypes(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("InventoryItem", SkuStock.self) { type in
            type.field("sku") { .string($0.sku) }
            type.field("onHand") { .int(Int($0.onHand)) }
            type.field("reserved") { .int(Int($0.reserved)) }
            type.field("available") { .int(Int($0.available)) }
            type.list("warehouses", WarehouseStock.self) { $0.warehouses }
        }
        bindings.object("WarehouseStock", WarehouseStock.self) { type in
            type.field("warehouse") { .string($0.warehouse) }
            type.field("onHand") { .int(Int($0.onHand)) }
            type.field("reserved") { .int(Int($0.reserved)) }
            type.field("available") { .int(Int($0.available)) }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
        }
        bindings.object("InventoryLedgerEntry", LedgerEntry.self) { type in
            type.field("id") { .globalID("InventoryLedgerEntry", $0.id) }
            type.field("sku") { .string($0.sku) }
            type.field("warehouse") { .string($0.warehouse) }
            type.field("delta") { .int(Int($0.delta)) }
            type.field("balanceAfter") { .int(Int($0.balanceAfter)) }
            type.field("kind") { .string($0.kind.uppercased()) }
            type.field("reason") { .optional($0.reason) }
            type.field("actor") { .string($0.actor) }
            type.field("source") { .string($0.source.uppercased()) }
            type.field("reference") { .optional($0.reference) }
            type.field("createdAt") { .dateTime($0.createdAt) }
        }
        bindings.object("InventoryReservation", Reservation.self) { type in
            type.field("id") { .globalID("InventoryReservation", $0.id) }
            type.field("state") { .enumeration($0.state) }
            type.field("orderRef") { .optional($0.orderRef) }
            type.field("channel") { .optional($0.channel) }
            type.field("expiresAt") { .dateTime($0.expiresAt) }
            type.field("createdAt") { .dateTime($0.createdAt) }
            type.field("endedAt") { .dateTime($0.endedAt) }
            type.list("lines", ReservationLine.self) { $0.lines }
        }
        bindings.object("InventoryReservationLine", ReservationLine.self) { type in
            type.field("sku") { .string($0.sku) }
            type.field("warehouse") { .string($0.warehouse) }
            type.field("quantity") { .int(Int($0.quantity)) }
        }
        bindings.object("Warehouse", Warehouse.self) { type in
            type.field("id") { .globalID("Warehouse", $0.id) }
            type.field("code") { .string($0.code) }
            type.field("name") { .string($0.name) }
            type.field("priority") { .int($0.priority) }
            type.field("createdAt") { .dateTime($0.createdAt) }
        }
        bindings.object("ChannelAllocationStrategy", ChannelStrategy.self) { type in
            type.field("channel") { .string($0.channel) }
            type.field("strategy") { .enumeration($0.strategy) }
        }
        bindings.object("InventoryQuantitiesPayload", QuantitiesPayload.self) { type in
            type.list("items", SkuStock.self) { $0.items }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("InventoryReservationPayload", ReservationPayload.self) { type in
            type.object("reservation", Reservation.self) { $0.reservation }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("WarehousePayload", WarehousePayload.self) { type in
            type.object("warehouse", Warehouse.self) { $0.warehouse }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("AllocationStrategyPayload", StrategyPayload.self) { type in
            type.object("allocationStrategy", ChannelStrategy.self) { $0.strategy }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
    }

    // MARK: Helpers

    private static func actor(_ query: QueryContext) -> StockActor {
        StockActor(name: query.principal.actorName, source: .admin)
    }

    private static func reservationID(_ text: String, field: [String]) throws(UserInputError) -> Int64 {
        guard let number = IntegrationResolvers.number(text, type: "InventoryReservation") else {
            throw UserInputError(field: field, message: "\(text.prefix(100)) is not an inventory reservation id.", code: "INVALID_ID")
        }
        return number
    }
}
