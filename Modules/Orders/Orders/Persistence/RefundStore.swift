import Foundation
import Kernel
import PostgresNIO
import Storage

/// SQL of `orders.refunds` and `orders.refund_lines`.
enum RefundStore {
    static let columns: [IngestionSQL.Column] = [
        ("external_order_id", "text"), ("occurred_at", "timestamptz"), ("last_remote_update_at", "timestamptz"), ("amount", "numeric"),
        ("currency", "text"),
        ("subtotal_amount", "numeric"), ("shipping_amount", "numeric"), ("tax_amount", "numeric"), ("discount_amount", "numeric"),
        ("total_amount", "numeric"), ("line_items_count", "integer"), ("items_total_quantity", "integer"), ("payment_status", "text"),
        ("payment_method", "text"), ("reason_code", "text"), ("notes", "text"), ("raw_payload", "jsonb"),
    ]
    static let lineColumns: [IngestionSQL.Column] = [
        ("external_line_id", "text"), ("sku", "text"), ("title", "text"), ("variant_sku", "text"), ("quantity", "integer"),
        ("currency", "text"), ("unit_refund", "numeric"), ("total_refund", "numeric"), ("tax_amount", "numeric"),
        ("discount_amount", "numeric"), ("shipping_amount", "numeric"), ("reason_code", "text"), ("notes", "text"),
    ]

    /// Upserts a page of refunds and replaces the lines of those written (a refund whose stored remote change is newer is
    /// left alone). A line that names no SKU or title (BigCommerce) takes the order line it refunds; the feed fills a
    /// missing currency from the order when it reads.
    static func upsert(_ refunds: [NormalizedRefund], instance: Int64, provider: Provider, in transaction: Transaction) async throws -> Int {
        let page = refunds.lastByKey(\.externalRefundID)
        guard !page.isEmpty else { return 0 }
        let json = String(decoding: OrderRows.rows(page), as: UTF8.self)
        let written = try await IngestionSQL.upsert(
            into: "orders.refunds", key: "external_refund_id", columns: Self.columns, rows: json, instance: instance, provider: provider,
            in: transaction)
        guard !written.isEmpty else { return 0 }
        try await IngestionSQL.clearLines("orders.refund_lines", parent: "refund_id", of: written, in: transaction)
        let lineNames = Self.lineColumns.map(\.name)
        let fromOrderLine = ["sku", "title", "variant_sku"]
        try await transaction.query(
            .dynamic(
                """
                INSERT INTO orders.refund_lines (tenant_id, refund_id, position, \(lineNames.joined(separator: ", ")))
                SELECT $1, f.id, line.position,
                    \(lineNames.map { fromOrderLine.contains($0) ? "coalesce(line.\($0), ol.\($0))" : "line.\($0)" }.joined(separator: ", "))
                FROM jsonb_to_recordset($3::jsonb) AS r (external_refund_id text, lines jsonb)
                JOIN orders.refunds f ON f.tenant_id = $1 AND f.instance_id = $2 AND f.external_refund_id = r.external_refund_id
                \(IngestionSQL.lines(Self.lineColumns))
                LEFT JOIN orders.orders o ON o.tenant_id = $1 AND o.instance_id = $2 AND o.external_order_id = f.external_order_id
                LEFT JOIN LATERAL (
                    SELECT l.sku, l.title, l.variant_sku FROM orders.order_lines l
                    WHERE l.tenant_id = $1 AND l.order_id = o.id AND l.external_line_id = line.external_line_id LIMIT 1
                ) AS ol ON true
                WHERE f.id = ANY($4)
                """, transaction.tenant.rawValue, instance, json, written))
        return written.count
    }
}
