import Foundation
import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// The parts of channel orders an order's detail shows — lines, refunds, shipments — each read for many orders in one
/// statement and grouped by order id.
enum OrderDetailStore {
    static func lines(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [ChannelOrderLine]] {
        let rows = try await transaction.query(
            """
            SELECT order_id, position, external_line_id, sku, title, variant_sku, channel_product_id, channel_variant_id, quantity, currency,
                unit_price, selling_unit_price, total_price, tax_amount, discount_amount, shipping_amount, fulfillment_status, is_gift, notes,
                assigned_location_id, assigned_location_name
            FROM orders.order_lines WHERE tenant_id = \(transaction.tenant.rawValue) AND order_id = ANY(\(orderIDs))
            ORDER BY order_id, position
            """)
        var lines: [Int64: [ChannelOrderLine]] = [:]
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let orderID = try cells[0].decode(Int64.self)
            let line = NormalizedOrderLine(
                externalLineID: try cells.text(2), sku: try cells.text(3), title: try cells.text(4), variantSKU: try cells.text(5),
                channelProductID: try cells.text(6),
                channelVariantID: try cells.text(7), quantity: try cells[8].decode(Int.self), currency: try cells.text(9),
                unitPrice: try cells.money(10),
                sellingUnitPrice: try cells.money(11), totalPrice: try cells.money(12), tax: try cells.money(13), discount: try cells.money(14),
                shipping: try cells.money(15), fulfillmentStatus: try cells.text(16), isGift: try cells[17].decode(Bool.self),
                notes: try cells.text(18),
                assignedLocationID: try cells[19].decode(Int64?.self), assignedLocationName: try cells.text(20))
            lines[orderID, default: []].append(ChannelOrderLine(orderID: orderID, position: try cells[1].decode(Int.self), line: line))
        }
        return lines
    }

    /// The refunds the channels reported against each order, oldest first, with their lines.
    static func refunds(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [ChannelRefund]] {
        let lines = try await Self.refundLines(of: orderIDs, in: transaction)
        let rows = try await transaction.query(
            Self.refundsOfOrders(
                orderIDs, tenant: transaction.tenant,
                """
                SELECT o.id, r.id, r.instance_id, r.provider, r.external_refund_id, r.external_order_id, r.occurred_at, r.last_remote_update_at,
                    r.amount, r.currency, r.subtotal_amount, r.shipping_amount, r.tax_amount, r.discount_amount, r.total_amount,
                    r.payment_status, r.payment_method, r.reason_code, r.notes, r.raw_payload::text, r.imported_to_erp, r.imported_at,
                    r.created_at
                FROM {refunds}
                ORDER BY o.id, r.occurred_or_stored_at, r.id
                """))
        var refunds: [Int64: [ChannelRefund]] = [:]
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let id = try cells[1].decode(Int64.self)
            var refund = NormalizedRefund(
                externalRefundID: try cells[4].decode(String.self), externalOrderID: try cells.text(5), occurredAt: try cells[6].decode(Date?.self),
                amount: try cells.money(8), currency: try cells.text(9), subtotal: try cells.money(10), shipping: try cells.money(11),
                tax: try cells.money(12),
                discount: try cells.money(13), total: try cells.money(14), paymentStatus: try cells.text(15), paymentMethod: try cells.text(16),
                reasonCode: try cells.text(17), notes: try cells.text(18), lines: lines[id] ?? [])
            refund.lastRemoteUpdateAt = try cells[7].decode(Date?.self)
            refund.rawPayload = try JSONParser.parse(try cells[19].decode(String.self))
            refunds[try cells[0].decode(Int64.self), default: []].append(
                ChannelRefund(
                    id: id, instanceID: try cells[2].decode(Int64.self),
                    provider: Provider(rawValue: try cells[3].decode(String.self)) ?? .partner, refund: refund,
                    importedToErp: try cells[20].decode(Bool.self), importedAt: try cells[21].decode(Date?.self),
                    createdAt: try cells[22].decode(Date.self)))
        }
        return refunds
    }

    /// `sql` with `{refunds}` standing for the orders named (as `o`) joined to the refunds their channel reported against
    /// them (as `r`, through `refunds_by_order`); `$1` is the tenant, `$2` the order ids.
    private static func refundsOfOrders(_ orderIDs: [Int64], tenant: TenantID, _ sql: String) -> PostgresQuery {
        let joined = """
            orders.orders o JOIN orders.refunds r
                ON r.tenant_id = o.tenant_id AND r.instance_id = o.instance_id AND r.external_order_id = o.external_order_id
            WHERE o.tenant_id = $1 AND o.id = ANY($2)
            """
        var bindings = PostgresBindings()
        bindings.append(tenant.rawValue)
        bindings.append(orderIDs)
        return PostgresQuery(unsafeSQL: sql.replacingOccurrences(of: "{refunds}", with: joined), binds: bindings)
    }

    /// The lines of the orders' refunds, by refund id.
    private static func refundLines(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [NormalizedRefundLine]] {
        let rows = try await transaction.query(
            Self.refundsOfOrders(
                orderIDs, tenant: transaction.tenant,
                """
                SELECT refund_id, external_line_id, sku, title, variant_sku, quantity, currency, unit_refund, total_refund, tax_amount,
                    discount_amount, shipping_amount, reason_code, notes
                FROM orders.refund_lines WHERE tenant_id = $1 AND refund_id IN (SELECT r.id FROM {refunds})
                ORDER BY refund_id, position
                """))
        var lines: [Int64: [NormalizedRefundLine]] = [:]
        for try await row in rows {
            let cells = row.makeRandomAccess()
            lines[try cells[0].decode(Int64.self), default: []].append(
                NormalizedRefundLine(
                    externalLineID: try cells.text(1), sku: try cells.text(2), title: try cells.text(3), variantSKU: try cells.text(4),
                    quantity: try cells[5].decode(Int.self), currency: try cells.text(6), unitRefund: try cells.money(7),
                    totalRefund: try cells.money(8),
                    tax: try cells.money(9), discount: try cells.money(10), shipping: try cells.money(11), reasonCode: try cells.text(12),
                    notes: try cells.text(13)))
        }
        return lines
    }

    /// The shipments recorded for each order, oldest first.
    static func shipments(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: [OrderShipment]] {
        let rows = try await transaction.query(
            """
            SELECT id, order_id, carrier, service, tracking_number, shipped_at, status, attempts, last_error, remote_shipment_id, pushed_at,
                created_at
            FROM orders.shipments WHERE tenant_id = \(transaction.tenant.rawValue) AND order_id = ANY(\(orderIDs))
            ORDER BY order_id, id
            """)
        var shipments: [Int64: [OrderShipment]] = [:]
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let orderID = try cells[1].decode(Int64.self)
            shipments[orderID, default: []].append(
                OrderShipment(
                    id: try cells[0].decode(Int64.self), orderID: orderID, carrier: try cells[2].decode(String.self),
                    service: try cells[3].decode(String?.self), trackingNumber: try cells[4].decode(String.self),
                    shippedAt: try cells[5].decode(Date?.self),
                    status: OrderShipment.PushStatus(rawValue: try cells[6].decode(String.self)) ?? .failed,
                    attempts: try cells[7].decode(Int.self), lastError: try cells[8].decode(String?.self),
                    remoteShipmentID: try cells[9].decode(String?.self), pushedAt: try cells[10].decode(Date?.self),
                    createdAt: try cells[11].decode(Date.self)))
        }
        return shipments
    }
}
