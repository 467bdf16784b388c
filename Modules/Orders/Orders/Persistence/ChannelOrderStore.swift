import Foundation
import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// Channel orders as the admin's list reads them (`orders.orders` without lines or raw payload).
enum ChannelOrderStore {
    static let columns = """
        id, instance_id, provider, external_order_id, status, payment_status, canonical_status, local_status, ordered_at,
        last_remote_update_at, order_number_hint, taxes_included, buyer_name, buyer_email, currency, subtotal_amount, shipping_amount,
        tax_amount, discount_amount, total_amount, bill_name, bill_address1, bill_address2, bill_city, bill_region, bill_postal,
        bill_country, bill_phone, ship_name, ship_address1, ship_address2, ship_city, ship_region, ship_postal, ship_country, ship_phone,
        payment_method, is_gift, notes, line_items_count, items_total_quantity, channel_metadata::text, imported_to_erp, imported_at,
        archived_at, created_at, updated_at
        """

    /// One page of the list; ordered by placement time, newest first, unless sorted otherwise.
    static func page(
        instance: Int64?, filter: ChannelOrderFilter?, sort: [ListSort<ChannelOrderSortField>], page: PageRequest, in transaction: Transaction
    ) async throws -> Page<ChannelOrder> {
        let selected = try ChannelOrderConditions(tenant: transaction.tenant, instance: instance, filter: filter)
        let keys = SortKey.keys(for: sort.isEmpty ? [ListSort(.orderedAt, .desc)] : sort) { field, descending in
            switch field {
            case .orderedAt: SortKey("placed_at", .timestamp, descending: descending)
            case .updatedAt: SortKey("channel_changed_at", .timestamp, descending: descending)
            case .id: nil
            }
        }
        let list = KeysetPage(
            table: "orders.orders", columns: Self.columns, where: selected.whereClause, conditions: selected.conditions, keys: keys, page: page)
        return try await list.page(in: transaction, decode: Self.order)
    }

    static func count(instance: Int64?, filter: ChannelOrderFilter?, in transaction: Transaction) async throws -> Int {
        let selected = try ChannelOrderConditions(tenant: transaction.tenant, instance: instance, filter: filter)
        let rows = try await transaction.query(selected.statement { "SELECT count(*) FROM orders.orders WHERE \($0)" })
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [ChannelOrder] {
        let selected = try ChannelOrderConditions(tenant: transaction.tenant, ids: ids)
        let rows = try await transaction.query(selected.statement { "SELECT \(Self.columns) FROM orders.orders WHERE \($0)" })
        var orders: [ChannelOrder] = []
        for try await row in rows { orders.append(try Self.order(row)) }
        return orders
    }

    /// The channel's payload of each order named, by order id.
    static func rawPayloads(of ids: [Int64], in transaction: Transaction) async throws -> [Int64: JSONValue] {
        let rows = try await transaction.query(
            "SELECT id, raw_payload::text FROM orders.orders WHERE tenant_id = \(transaction.tenant.rawValue) AND id = ANY(\(ids))")
        var payloads: [Int64: JSONValue] = [:]
        for try await (id, text) in rows.decode((Int64, String).self) { payloads[id] = try JSONParser.parse(text) }
        return payloads
    }

    private static func order(_ row: PostgresRow) throws -> ChannelOrder {
        let cells = row.makeRandomAccess()
        func address(_ start: Int) throws -> PostalAddress? {
            PostalAddress(
                name: try cells.text(start), address1: try cells.text(start + 1), address2: try cells.text(start + 2),
                city: try cells.text(start + 3),
                region: try cells.text(start + 4), postal: try cells.text(start + 5), country: try cells.text(start + 6),
                phone: try cells.text(start + 7)
            ).nonEmpty
        }
        let provider = try cells[2].decode(String.self)
        let canonical = try cells[6].decode(String.self)
        return ChannelOrder(
            id: try cells[0].decode(Int64.self), instanceID: try cells[1].decode(Int64.self), provider: Provider(rawValue: provider) ?? .partner,
            externalOrderID: try cells[3].decode(String.self), status: try cells.text(4), paymentStatus: try cells.text(5),
            canonicalStatus: CanonicalOrderStatus(rawValue: canonical) ?? .pending,
            localStatus: try cells.text(7).flatMap(CanonicalOrderStatus.init(rawValue:)), orderedAt: try cells.time(8),
            lastRemoteUpdateAt: try cells.time(9),
            orderNumberHint: try cells.text(10), taxesIncluded: try cells[11].decode(Bool?.self), buyerName: try cells.text(12),
            buyerEmail: try cells.text(13),
            currency: try cells.text(14),
            amounts: OrderAmounts(
                subtotal: try cells.money(15), shipping: try cells.money(16), tax: try cells.money(17), discount: try cells.money(18),
                total: try cells.money(19)),
            billingAddress: try address(20), shippingAddress: try address(28), paymentMethod: try cells.text(36),
            isGift: try cells[37].decode(Bool.self), notes: try cells.text(38), lineItemsCount: try cells[39].decode(Int.self),
            itemsTotalQuantity: try cells[40].decode(Int.self), channelMetadata: try JSONParser.parse(try cells[41].decode(String.self)),
            importedToErp: try cells[42].decode(Bool.self), importedAt: try cells.time(43), archivedAt: try cells.time(44),
            createdAt: try cells[45].decode(Date.self), updatedAt: try cells[46].decode(Date.self))
    }
}
