import Foundation
import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// Seed `002_…`'s aggregated orders as JSON written by PostgreSQL: the list, one order, and the dashboard's summary.
/// Channel codes come in with the query (the Integrations context owns them), bound as arrays.
enum AggregatedOrderStore {
    /// The fields of an order in the list and in its own view.
    static let summaryFields = """
        'orderId', o.id, 'channel', c.code, 'provider', o.provider, 'channelOrderId', o.external_order_id,
        'orderNumber', o.order_number_hint, 'status', o.aggregated_status, 'channelStatus', o.status, 'paymentStatus', o.payment_status,
        'statusPendingOnChannel', o.local_status IS NOT NULL,
        'customer', json_build_object('name', o.buyer_name, 'email', o.buyer_email),
        'totals', json_build_object('currency', o.currency, 'subtotal', o.subtotal_amount, 'discount', o.discount_amount,
            'tax', o.tax_amount, 'shipping', o.shipping_amount, 'grandTotal', o.total_amount),
        'itemCount', o.items_total_quantity, 'createdAt', platform.iso(o.placed_at), 'updatedAt', platform.iso(o.updated_at)
        """

    /// One page of the orders of the query's channels, newest first, with the total the filters match.
    static func list(_ query: AggregatedOrderQuery, in transaction: Transaction) async throws -> [UInt8] {
        let filters = """
            o.tenant_id = $1 AND o.instance_id = ANY($3::bigint[]) AND ($4::text IS NULL OR o.aggregated_status = $4)
                AND ($5::timestamptz IS NULL OR o.placed_at >= $5) AND ($6::timestamptz IS NULL OR o.placed_at <= $6)
            """
        return try await JSONText.first(
            transaction.query(
                .dynamic(
                    """
                    SELECT json_build_object(
                        'items', coalesce((
                            SELECT json_agg(json_build_object(\(Self.summaryFields)) ORDER BY o.placed_at DESC, o.id DESC)
                            FROM (
                                SELECT o.* FROM orders.orders o WHERE \(filters)
                                ORDER BY o.placed_at DESC, o.id DESC LIMIT $7 OFFSET $8
                            ) AS o
                            JOIN unnest($2::text[], $3::bigint[]) AS c (code, instance_id) ON c.instance_id = o.instance_id
                        ), '[]'),
                        'page', $9::integer, 'pageSize', $7::integer,
                        'total', (SELECT count(*) FROM orders.orders o WHERE \(filters))
                    )::text
                    """, transaction.tenant.rawValue, query.channels.map(\.code), query.channels.map(\.instanceID), query.status?.rawValue,
                    query.from, query.to, query.pageSize, (query.page - 1) * query.pageSize, query.page)), orNone: "{}")
    }

    /// One order with its addresses, lines, shipments and the channel's metadata; `nil` when the tenant has no such
    /// order on the given channels.
    static func order(_ id: Int64, channels: [OrderChannel], in transaction: Transaction) async throws -> [UInt8]? {
        let address = { (prefix: String) in
            OrderStore.addressColumns.map { "'\($0)', o.\(prefix)_\($0)" }.joined(separator: ", ")
        }
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT json_build_object(\(Self.summaryFields),
                    'shippingAddress', json_build_object(\(address("ship"))), 'billingAddress', json_build_object(\(address("bill"))),
                    'paymentMethod', o.payment_method, 'isGift', o.is_gift, 'notes', o.notes, 'taxesIncluded', o.taxes_included,
                    'orderedAt', platform.iso(o.ordered_at), 'lastRemoteUpdateAt', platform.iso(o.last_remote_update_at),
                    'lines', (SELECT coalesce(json_agg(json_build_object(
                            'lineId', l.external_line_id, 'sku', l.sku, 'channelSku', coalesce(l.channel_variant_id, l.channel_product_id),
                            'title', l.title, 'quantity', l.quantity, 'unitPrice', l.unit_price, 'sellingUnitPrice', l.selling_unit_price,
                            'total', l.total_price, 'tax', l.tax_amount, 'discount', l.discount_amount,
                            'fulfillmentStatus', l.fulfillment_status) ORDER BY l.position), '[]')
                        FROM orders.order_lines l WHERE l.tenant_id = o.tenant_id AND l.order_id = o.id),
                    'shipments', (SELECT coalesce(json_agg(json_build_object(
                            'id', s.id, 'carrier', s.carrier, 'service', s.service, 'trackingNumber', s.tracking_number,
                            'shippedAt', platform.iso(coalesce(s.shipped_at, s.created_at)), 'status', s.status, 'attempts', s.attempts,
                            'lastError', s.last_error, 'remoteShipmentId', s.remote_shipment_id, 'pushedAt', platform.iso(s.pushed_at))
                            ORDER BY s.id), '[]')
                        FROM orders.shipments s WHERE s.tenant_id = o.tenant_id AND s.order_id = o.id),
                    'channelMetadata', o.channel_metadata
                )::text
                FROM orders.orders o
                JOIN unnest($2::text[], $3::bigint[]) AS c (code, instance_id) ON c.instance_id = o.instance_id
                WHERE o.tenant_id = $1 AND o.id = $4
                """, transaction.tenant.rawValue, channels.map(\.code), channels.map(\.instanceID), id))
        let json = try await JSONText.first(rows, orNone: "")
        return json.isEmpty ? nil : json
    }

    /// Counts and totals by channel and status (totals per currency: amounts in different currencies do not add up).
    static func summary(channels: [OrderChannel], in transaction: Transaction) async throws -> [UInt8] {
        try await JSONText.first(
            transaction.query(
                .dynamic(
                    """
                    WITH grouped AS (
                        SELECT c.code AS channel, o.provider, o.aggregated_status AS status, o.currency, count(*) AS orders,
                            coalesce(sum(o.total_amount), 0) AS total
                        FROM orders.orders o
                        JOIN unnest($2::text[], $3::bigint[]) AS c (code, instance_id) ON c.instance_id = o.instance_id
                        WHERE o.tenant_id = $1
                        GROUP BY c.code, o.provider, o.aggregated_status, o.currency
                    )
                    SELECT json_build_object(
                        'count', (SELECT coalesce(sum(orders), 0) FROM grouped),
                        'byChannel', (SELECT coalesce(json_agg(json_build_object('channel', channel, 'provider', provider, 'count', orders)
                            ORDER BY channel), '[]') FROM (SELECT channel, provider, sum(orders) AS orders FROM grouped GROUP BY channel, provider) AS g),
                        'byStatus', (SELECT coalesce(json_agg(json_build_object('status', status, 'count', orders) ORDER BY status), '[]')
                            FROM (SELECT status, sum(orders) AS orders FROM grouped GROUP BY status) AS g),
                        'rows', (SELECT coalesce(json_agg(json_build_object('channel', channel, 'status', status, 'currency', currency,
                            'count', orders, 'total', total) ORDER BY channel, status, currency), '[]') FROM grouped)
                    )::text
                    """, transaction.tenant.rawValue, channels.map(\.code), channels.map(\.instanceID))), orNone: "{}")
    }
}
