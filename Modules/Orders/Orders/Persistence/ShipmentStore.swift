import Foundation
import Kernel
import PostgresNIO
import Storage

/// Shipments reported for orders (`orders.shipments`) and what their push needs.
enum ShipmentStore {
    /// A recorded shipment and whether its push is to be queued (it is new, or its last push failed).
    struct Recorded: Sendable, Equatable {
        let id: Int64
        let key: ShipmentKey
        let queue: Bool
    }

    /// A shipment claimed for its push, with its order's channel and the lines it ships.
    struct Push: Sendable, Equatable {
        let instanceID: Int64
        let confirmation: ShipmentConfirmation
    }

    /// The orders named by id, held against deletion (which checks their shipments) until the transaction ends.
    static func targets(ids: [Int64], in transaction: Transaction) async throws -> [Int64: ShipmentTarget] {
        let rows = try await transaction.query(
            """
            SELECT id, instance_id, provider, external_order_id, canonical_status = 'cancelled'
            FROM orders.orders WHERE tenant_id = \(transaction.tenant.rawValue) AND id = ANY(\(ids))
            FOR KEY SHARE
            """)
        return Dictionary(try await Self.targets(rows).map { ($0.orderID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The orders named by (instance, channel order id), held likewise.
    static func targets(external: [ChannelOrderReference], in transaction: Transaction) async throws
        -> [ChannelOrderReference: ShipmentTarget]
    {
        let rows = try await transaction.query(
            """
            SELECT o.id, o.instance_id, o.provider, o.external_order_id, o.canonical_status = 'cancelled'
            FROM unnest(\(external.map(\.instanceID))::bigint[], \(external.map(\.externalOrderID))::text[]) AS named (instance_id, external_order_id)
            JOIN orders.orders o ON o.tenant_id = \(transaction.tenant.rawValue) AND o.instance_id = named.instance_id
                AND o.external_order_id = named.external_order_id
            FOR KEY SHARE OF o
            """)
        return Dictionary(try await Self.targets(rows).map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func targets(_ rows: PostgresRowSequence) async throws -> [ShipmentTarget] {
        var targets: [ShipmentTarget] = []
        for try await (id, instance, provider, external, cancelled) in rows.decode((Int64, Int64, String, String, Bool).self) {
            guard let provider = Provider(rawValue: provider) else { continue }
            targets.append(ShipmentTarget(orderID: id, instanceID: instance, provider: provider, externalOrderID: external, cancelled: cancelled))
        }
        return targets
    }

    /// The tracking number of each order's shipment that is waiting, being pushed or pushed (not one that failed).
    static func activeTracking(of orderIDs: [Int64], in transaction: Transaction) async throws -> [Int64: String] {
        let rows = try await transaction.query(
            """
            SELECT order_id, tracking_number FROM orders.shipments
            WHERE tenant_id = \(transaction.tenant.rawValue) AND order_id = ANY(\(orderIDs)) AND status <> 'failed'
            """)
        var tracking: [Int64: String] = [:]
        for try await (order, number) in rows.decode((Int64, String).self) { tracking[order] = number }
        return tracking
    }

    /// Inserts the shipments, one per (order, tracking number); one recorded before is left as it is, unless its push
    /// failed: then it takes the new carrier, service and date and waits for a push again. Answers every one of them.
    static func record(_ shipments: [AcceptedShipment], in transaction: Transaction) async throws -> [Recorded] {
        let tenant = transaction.tenant.rawValue
        let given = JSONValue.array(
            shipments.map { shipment in
                .object([
                    ("order_id", .number(Int(shipment.orderID))), ("carrier", .string(shipment.carrier)),
                    ("service", shipment.service.map(JSONValue.string) ?? .null), ("tracking_number", .string(shipment.trackingNumber)),
                    ("shipped_at", shipment.shippedAt.map { .string(ISO8601.string(from: $0)) } ?? .null),
                ])
            })
        let written = try await transaction.query(
            """
            INSERT INTO orders.shipments AS stored (tenant_id, order_id, carrier, service, tracking_number, shipped_at)
            SELECT \(tenant), given.order_id, given.carrier, given.service, given.tracking_number, given.shipped_at
            FROM jsonb_to_recordset(\(String(decoding: given.serialized(), as: UTF8.self))::jsonb)
                AS given (order_id bigint, carrier text, service text, tracking_number text, shipped_at timestamptz)
            ON CONFLICT (tenant_id, order_id, tracking_number) DO UPDATE
            SET carrier = EXCLUDED.carrier, service = EXCLUDED.service, shipped_at = EXCLUDED.shipped_at, status = 'pending',
                last_error = NULL, push_job_id = NULL, updated_at = now()
            WHERE stored.status = 'failed'
            RETURNING stored.id
            """)
        var queued: Set<Int64> = []
        for try await id in written.decode(Int64.self) { queued.insert(id) }
        let rows = try await transaction.query(
            """
            SELECT s.id, s.order_id, s.tracking_number
            FROM unnest(\(shipments.map(\.orderID))::bigint[], \(shipments.map(\.trackingNumber))::text[]) AS given (order_id, tracking_number)
            JOIN orders.shipments s ON s.tenant_id = \(tenant) AND s.order_id = given.order_id AND s.tracking_number = given.tracking_number
            """)
        var recorded: [Recorded] = []
        for try await (id, order, tracking) in rows.decode((Int64, Int64, String).self) {
            recorded.append(Recorded(id: id, key: ShipmentKey(orderID: order, trackingNumber: tracking), queue: queued.contains(id)))
        }
        return recorded
    }

    /// Claims a waiting shipment for the push job `job` (or again for the same job, after its worker died) and answers
    /// what the push needs: the order's channel and channel id, and the lines still to ship (every line when the channel
    /// reports each as fulfilled or cancelled already, so the channel answers for the over-shipment). `nil` when the
    /// shipment is not this job's to push.
    static func claim(_ id: Int64, job: Int64, in transaction: Transaction) async throws -> Push? {
        let tenant = transaction.tenant.rawValue
        let rows = try await transaction.query(
            """
            UPDATE orders.shipments s
            SET status = 'pushing', push_job_id = \(job), attempts = s.attempts + 1, updated_at = now()
            FROM orders.orders o
            WHERE s.tenant_id = \(tenant) AND s.id = \(id) AND o.tenant_id = s.tenant_id AND o.id = s.order_id
                AND (s.status = 'pending' OR (s.status = 'pushing' AND s.push_job_id = \(job)))
            RETURNING o.id, o.instance_id, o.external_order_id, s.carrier, s.service, s.tracking_number, coalesce(s.shipped_at, s.created_at)
            """)
        var found: (order: Int64, instance: Int64, external: String, carrier: String, service: String?, tracking: String, at: Date)?
        for try await row in rows.decode((Int64, Int64, String, String, String?, String, Date).self) { found = row }
        guard let found else { return nil }
        let lineRows = try await transaction.query(
            """
            SELECT external_line_id, sku, quantity, coalesce(fulfillment_status IN ('fulfilled', 'cancelled'), false)
            FROM orders.order_lines
            WHERE tenant_id = \(tenant) AND order_id = \(found.order) AND external_line_id IS NOT NULL AND quantity > 0
            ORDER BY position
            """)
        var lines: [(line: ShipmentConfirmation.Line, done: Bool)] = []
        for try await (lineID, sku, quantity, done) in lineRows.decode((String, String?, Int, Bool).self) {
            lines.append((ShipmentConfirmation.Line(remoteLineID: lineID, sku: sku, quantity: quantity), done))
        }
        let open = lines.filter { !$0.done }
        return Push(
            instanceID: found.instance,
            confirmation: ShipmentConfirmation(
                remoteOrderID: found.external, carrier: found.carrier, service: found.service, trackingNumber: found.tracking,
                shippedAt: found.at, lines: (open.isEmpty ? lines : open).map(\.line)))
    }

    /// Records that the channel accepted the push of job `job`.
    static func succeeded(_ id: Int64, job: Int64, remoteID: String?, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            UPDATE orders.shipments
            SET status = 'succeeded', remote_shipment_id = \(remoteID), pushed_at = now(), last_error = NULL, updated_at = now()
            WHERE tenant_id = \(transaction.tenant.rawValue) AND id = \(id) AND status = 'pushing' AND push_job_id = \(job)
            """)
    }

    /// Records that the push of job `job` failed: the shipment waits for the next attempt, or has `failed` when none
    /// follows.
    static func failed(_ id: Int64, job: Int64, error: String, final: Bool, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            UPDATE orders.shipments
            SET status = CASE WHEN \(final) THEN 'failed' ELSE 'pending' END, last_error = \(error), updated_at = now()
            WHERE tenant_id = \(transaction.tenant.rawValue) AND id = \(id) AND status = 'pushing' AND push_job_id = \(job)
            """)
    }
}
