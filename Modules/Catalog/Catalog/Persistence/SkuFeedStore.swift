import CatalogContracts
import Foundation
import Kernel
import PostgresNIO
import Storage

/// `GET /api/v1/skus` (seed `001_…`), written as JSON by PostgreSQL in one statement: the total of the scope, the page
/// by id from `offset`, with each listing's channel code and provider.
enum SkuFeedStore {
    static func feed(_ query: SkuFeedQuery, in transaction: Transaction) async throws -> [UInt8] {
        try await JSONText.first(
            transaction.query(
                .dynamic(
                    """
                    WITH channel AS (
                        SELECT * FROM unnest($2::bigint[], $3::text[], $4::text[]) AS channel (instance_id, code, provider)
                    ), scope AS (
                        SELECT l.*, channel.code, channel.provider FROM catalog.listings l JOIN channel USING (instance_id)
                        WHERE l.tenant_id = $1 AND ($5::text[] IS NULL OR l.status = ANY($5)) AND ($6::timestamptz IS NULL OR l.updated_at >= $6)
                    )
                    SELECT json_build_object(
                        'total', (SELECT count(*) FROM scope), 'limit', $7::int, 'offset', $8::int,
                        'items', coalesce((
                            SELECT json_agg(row_to_json(item)) FROM (
                                SELECT s.code AS channel, s.provider, s.id, s.sku, s.title, s.channel_product_id,
                                    NULLIF(s.channel_variant_id, '') AS channel_variant_id, s.currency, s.price, s.barcode, s.status,
                                    s.status = 'active' AS active, platform.iso(s.remote_updated_at) AS updated_at_remote,
                                    s.external_ids, s.attrs, s.raw_payload, s.product_id, platform.iso(s.updated_at) AS updated_at
                                FROM scope s ORDER BY s.id LIMIT $7 OFFSET $8
                            ) AS item), '[]'))::text
                    """, transaction.tenant.rawValue, query.channels.map(\.instanceID), query.channels.map(\.code),
                    query.channels.map(\.provider.rawValue), query.statuses?.map(\.rawValue), query.since, query.limit, query.offset)),
            orNone: #"{"total": 0, "items": []}"#)
    }
}
