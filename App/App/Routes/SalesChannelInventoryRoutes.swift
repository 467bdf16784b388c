import Foundation
import Hummingbird
import IdentityContracts
import Inventory
import InventoryContracts
import Kernel
import Storage

/// Seed `004_…`'s master inventory for the admin frontend (JWT + `orgid`, camelCase JSON): a SKU's stock, setting
/// quantities one SKU at a time or in bulk, and reservations (reserve, release, commit), with the ledger and a
/// reservation readable too.
struct SalesChannelInventoryRoutes {
    let database: Database
    let inventory: any InventoryFacade

    struct QuantityRequest: Decodable {
        let quantity: Int64
        let syncToChannels: Bool?
        let reason: String?
        let warehouse: String?
    }

    struct BulkRequest: Decodable {
        struct Item: Decodable {
            let sku: String
            let quantity: Int64
            let reason: String?
            let warehouse: String?
        }

        let items: [Item]
        let syncToChannels: Bool?
    }

    struct BulkAnswer: Encodable {
        let items: [SkuStock]
    }

    struct ReserveRequest: Decodable {
        struct Item: Decodable {
            let sku: String
            let quantity: Int64
        }

        let items: [Item]
        let orderId: String?
        let channel: String?
        let ttlSeconds: Int?
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.put("inventory/bulk/update") { request, context in
            try context.requireRole(.staff)
            let body = try await request.decodeJSON(BulkRequest.self)
            try Self.refuseChannelSync(body.syncToChannels)
            let changes = body.items.map { StockChange(sku: $0.sku, quantity: $0.quantity, warehouse: $0.warehouse, reason: $0.reason) }
            let stock = try await self.inventory.setQuantities(changes, by: Self.actor(context), tenant: context.principal.tenant)
            return try Response.json(BulkAnswer(items: stock), keys: .camelCase)
        }
        group.post("inventory/reserve") { request, context in
            try context.requireRole(.staff)
            let body = try await request.decodeJSON(ReserveRequest.self)
            let reservation = try await self.inventory.reserve(
                ReservationRequest(
                    items: body.items.map { ReservationItem(sku: $0.sku, quantity: $0.quantity) }, orderRef: body.orderId, channel: body.channel,
                    ttlSeconds: body.ttlSeconds ?? ReservationRequest.defaultTTLSeconds),
                tenant: context.principal.tenant)
            return try Response.json(reservation, status: .created, keys: .camelCase)
        }
        group.get("inventory/reservation/:reservationId") { _, context in
            let id = try Self.reservationID(context)
            let reservation = try await self.database.withTenant(context.principal.tenant) { try await InventoryReads.reservation(id, in: $0) }
            guard let reservation else { throw InventoryError.reservationNotFound(String(id)) }
            return try Response.json(reservation, keys: .camelCase)
        }
        group.post("inventory/reservation/:reservationId/release") { _, context in
            try context.requireRole(.staff)
            let reservation = try await self.inventory.release(try Self.reservationID(context), tenant: context.principal.tenant)
            return try Response.json(reservation, keys: .camelCase)
        }
        group.post("inventory/reservation/:reservationId/commit") { _, context in
            try context.requireRole(.staff)
            let reservation = try await self.inventory.commit(
                try Self.reservationID(context), by: Self.actor(context), tenant: context.principal.tenant)
            return try Response.json(reservation, keys: .camelCase)
        }
        group.get("inventory/:sku/history") { request, context in
            let sku = try Self.sku(context)
            let page = try request.pageRequest()
            let entries = try await self.database.withTenant(context.principal.tenant) {
                try await InventoryReads.ledger(sku: sku, page: page, in: $0)
            }
            return try Response.json(PageResponse(entries) { $0 }, keys: .camelCase)
        }
        group.get("inventory/:sku") { _, context in
            let sku = try Self.sku(context)
            let stock = try await self.database.withTenant(context.principal.tenant) { try await InventoryReads.stock(of: [sku], in: $0) }
            guard let stock = stock.first, !stock.warehouses.isEmpty else { throw InventoryError.skuNotFound(sku) }
            return try Response.json(stock, keys: .camelCase)
        }
        group.put("inventory/:sku") { request, context in
            try context.requireRole(.staff)
            let sku = try Self.sku(context)
            let body = try await request.decodeJSON(QuantityRequest.self)
            try Self.refuseChannelSync(body.syncToChannels)
            let stock = try await self.inventory.setQuantity(
                StockChange(sku: sku, quantity: body.quantity, warehouse: body.warehouse, reason: body.reason), by: Self.actor(context),
                tenant: context.principal.tenant)
            return try Response.json(stock, keys: .camelCase)
        }
    }

    private static func actor(_ context: AuthenticatedContext) -> StockActor {
        StockActor(name: context.actorName, source: .api)
    }

    private static func refuseChannelSync(_ sync: Bool?) throws {
        if sync == true { throw InventoryError.channelSyncUnavailable }
    }

    /// The path's SKU, percent-decoded (`SKU%20100` is `SKU 100`; a SKU named like a fixed route, `bulk`, is reached as
    /// `%62ulk`); malformed percent-encoding is refused rather than read literally.
    private static func sku(_ context: AuthenticatedContext) throws -> String {
        let text = try context.parameters.require("sku")
        guard let sku = text.removingPercentEncoding else {
            throw APIError.invalidParameter(name: "sku", reason: "is not valid percent-encoding: '\(text.prefix(64))'.")
        }
        return sku
    }

    private static func reservationID(_ context: AuthenticatedContext) throws -> Int64 {
        let text = try context.parameters.require("reservationId")
        guard let id = Int64(text), id > 0 else { throw InventoryError.reservationNotFound(text) }
        return id
    }
}
