import Foundation
import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// The ERP API's order and refund feeds (seed `001_…`), written as JSON by PostgreSQL in one statement each: the rows,
/// their lines and the channel codes, in the field order and names of the seed. Each channel is read by its own index
/// scan that stops at `limit` (an `= ANY` on the instance would read every row since `since` before sorting), and the
/// channels' first `limit` rows are merged.
enum ErpFeedStore {
    static func orders(_ query: ErpFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        let bill = OrderStore.addressColumns.map { "o.bill_\($0)" }.joined(separator: ", ")
        let ship = OrderStore.addressColumns.map { "o.ship_\($0)" }.joined(separator: ", ")
        return try await JSONText.first(
            transaction.query(
                .dynamic(
                    """
                    SELECT coalesce(json_agg(row_to_json(feed)), '[]')::text FROM (
                        SELECT o.id, o.external_order_id, o.status, platform.iso(o.ordered_at) AS ordered_at,
                            platform.iso(o.last_remote_update_at) AS last_remote_update_at, o.order_number_hint,
                            o.provider AS fulfillment_channel, c.code AS channel_code, o.provider, o.taxes_included, o.buyer_name,
                            o.buyer_email, o.currency, o.subtotal_amount, o.shipping_amount, o.tax_amount, o.discount_amount, o.total_amount,
                            \(bill), \(ship), o.payment_status, o.payment_method, o.line_items_count, o.items_total_quantity, o.is_gift,
                            o.notes,
                            (SELECT coalesce(json_agg(row_to_json(line)), '[]') FROM (
                                SELECT l.external_line_id, l.sku, l.title, l.variant_sku, NULL::bigint AS item_master_id,
                                    l.assigned_location_id, l.assigned_location_name, l.quantity, l.currency, l.unit_price,
                                    l.selling_unit_price, l.total_price, l.tax_amount, l.discount_amount, l.shipping_amount,
                                    l.fulfillment_status, l.is_gift, l.notes
                                FROM orders.order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id ORDER BY l.position
                            ) AS line) AS line_items,
                            o.raw_payload, o.imported_to_erp, platform.iso(o.imported_at) AS imported_at
                        FROM unnest($2::bigint[], $3::text[]) AS c (instance_id, code)
                        CROSS JOIN LATERAL (
                            SELECT * FROM orders.orders o
                            WHERE o.tenant_id = $1 AND o.instance_id = c.instance_id AND o.channel_changed_at >= $4
                                AND (cardinality($6::text[]) = 0 OR replace(lower(o.status), 'canceled', 'cancelled') = ANY($6)
                                    OR replace(lower(o.payment_status), 'canceled', 'cancelled') = ANY($6) OR o.canonical_status = ANY($6))
                            ORDER BY o.channel_changed_at, o.id
                            LIMIT $5
                        ) AS o
                        ORDER BY o.channel_changed_at, o.id
                        LIMIT $5
                    ) AS feed
                    """, transaction.tenant.rawValue, query.channels.map(\.instanceID), query.channels.map(\.code), query.since, query.limit,
                    query.statuses)), orNone: "[]")
    }

    /// The refunds of the query's one channel (the ERP API requires it); a refund or line that names no currency shows its
    /// order's.
    static func refunds(_ query: ErpFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await JSONText.first(
            transaction.query(
                .dynamic(
                    """
                    SELECT coalesce(json_agg(row_to_json(feed)), '[]')::text FROM (
                        SELECT f.id, f.provider, f.external_order_id, f.external_refund_id, platform.iso(f.occurred_at) AS occurred_at,
                            f.amount, coalesce(f.currency, o.currency) AS currency, f.subtotal_amount, f.shipping_amount, f.tax_amount, f.discount_amount, f.total_amount,
                            f.line_items_count, f.items_total_quantity, f.payment_status, f.payment_method, f.reason_code, f.notes,
                            (SELECT coalesce(json_agg(row_to_json(line)), '[]') FROM (
                                SELECT l.external_line_id, l.sku, l.title, l.variant_sku, l.quantity,
                                    coalesce(l.currency, f.currency, o.currency) AS currency, l.unit_refund,
                                    l.total_refund, l.tax_amount, l.discount_amount, l.shipping_amount, l.reason_code, l.notes
                                FROM orders.refund_lines l WHERE l.tenant_id = f.tenant_id AND l.refund_id = f.id ORDER BY l.position
                            ) AS line) AS line_items,
                            f.raw_payload, f.imported_to_erp, platform.iso(f.imported_at) AS imported_at
                        FROM orders.refunds f
                        LEFT JOIN orders.orders o
                            ON o.tenant_id = f.tenant_id AND o.instance_id = f.instance_id AND o.external_order_id = f.external_order_id
                        WHERE f.tenant_id = $1 AND f.instance_id = $2 AND f.occurred_or_stored_at >= $3
                        ORDER BY f.occurred_or_stored_at, f.id
                        LIMIT $4
                    ) AS feed
                    """, transaction.tenant.rawValue, query.channels.first?.instanceID ?? 0, query.since, query.limit)), orNone: "[]")
    }
}
