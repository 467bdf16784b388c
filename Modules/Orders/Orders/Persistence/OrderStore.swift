import Foundation
import Kernel
import PostgresNIO
import Storage

/// SQL of `orders.orders` and `orders.order_lines`.
enum OrderStore {
    static let addressColumns = ["name", "address1", "address2", "city", "region", "postal", "country", "phone"]
    /// The normalized columns an upsert writes, with their SQL types (as `jsonb_to_recordset` reads them).
    static let columns: [IngestionSQL.Column] =
        [
            ("status", "text"), ("payment_status", "text"), ("canonical_status", "text"), ("ordered_at", "timestamptz"),
            ("last_remote_update_at", "timestamptz"), ("order_number_hint", "text"), ("taxes_included", "boolean"), ("buyer_name", "text"),
            ("buyer_email", "text"), ("currency", "text"), ("subtotal_amount", "numeric"), ("shipping_amount", "numeric"),
            ("tax_amount", "numeric"), ("discount_amount", "numeric"), ("total_amount", "numeric"),
        ] + ["bill", "ship"].flatMap { prefix in Self.addressColumns.map { ("\(prefix)_\($0)", "text") } }
        + [
            ("payment_method", "text"), ("is_gift", "boolean"), ("notes", "text"), ("line_items_count", "integer"),
            ("items_total_quantity", "integer"), ("channel_metadata", "jsonb"), ("raw_payload", "jsonb"), ("raw_lines", "jsonb"),
        ]
    static let lineColumns: [IngestionSQL.Column] = [
        ("external_line_id", "text"), ("sku", "text"), ("title", "text"), ("variant_sku", "text"), ("channel_product_id", "text"),
        ("channel_variant_id", "text"), ("quantity", "integer"), ("currency", "text"), ("unit_price", "numeric"),
        ("selling_unit_price", "numeric"), ("total_price", "numeric"), ("tax_amount", "numeric"), ("discount_amount", "numeric"),
        ("shipping_amount", "numeric"), ("fulfillment_status", "text"), ("is_gift", "boolean"), ("notes", "text"),
        ("assigned_location_id", "bigint"), ("assigned_location_name", "text"),
    ]

    /// A status an admin set stands until the channel reports a change made after it.
    static let channelCaughtUp = """
        local_status = CASE WHEN EXCLUDED.last_remote_update_at > stored.local_status_at THEN NULL ELSE stored.local_status END
        """

    /// Upserts a page of orders and replaces the lines of those written; an order whose stored remote change is newer is
    /// left alone with its lines. Of two versions of one order on a page, the later is kept. Answers how many were written.
    static func upsert(_ orders: [NormalizedOrder], instance: Int64, provider: Provider, in transaction: Transaction) async throws -> Int {
        let page = orders.lastByKey(\.externalOrderID)
        guard !page.isEmpty else { return 0 }
        let json = String(decoding: OrderRows.rows(page), as: UTF8.self)
        let written = try await IngestionSQL.upsert(
            into: "orders.orders", key: "external_order_id", columns: Self.columns, alsoSet: [Self.channelCaughtUp], rows: json,
            instance: instance, provider: provider, in: transaction)
        guard !written.isEmpty else { return 0 }
        try await IngestionSQL.clearLines("orders.order_lines", parent: "order_id", of: written, in: transaction)
        let lineNames = Self.lineColumns.map(\.name)
        try await transaction.query(
            .dynamic(
                """
                INSERT INTO orders.order_lines (tenant_id, order_id, position, \(lineNames.joined(separator: ", ")))
                SELECT $1, o.id, line.position, \(lineNames.map { "line.\($0)" }.joined(separator: ", "))
                FROM jsonb_to_recordset($3::jsonb) AS r (external_order_id text, lines jsonb)
                JOIN orders.orders o ON o.tenant_id = $1 AND o.instance_id = $2 AND o.external_order_id = r.external_order_id
                \(IngestionSQL.lines(Self.lineColumns))
                WHERE o.id = ANY($4)
                """, transaction.tenant.rawValue, instance, json, written))
        return written.count
    }

    /// Sets the status an admin gave an order, which stands until the channel reports a later change.
    static func setLocalStatus(_ status: CanonicalOrderStatus, of orderID: Int64, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            UPDATE orders.orders SET local_status = \(status.rawValue), local_status_at = now(), updated_at = now()
            WHERE tenant_id = \(transaction.tenant.rawValue) AND id = \(orderID)
            """)
    }
}
