import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.inbound_events`.
enum InboundEventStore {
    static let columns = """
        id, instance_id, source, endpoint, delivery_id, topic, verified, request_headers::text, request_body, response_status,
        response_body, status, error, attempts, resource, remote_id, remote_status, received_at, processed_at
        """

    struct NewEvent {
        let instance: IntegrationInstanceID
        let source: InboundEventSource
        let endpoint: String
        let deliveryID: String?
        let topic: String?
        let verified: Bool
        let requestHeaders: String
        let requestBody: [UInt8]
        let responseStatus: Int
        let responseBody: String?
        let status: InboundEventStatus
        let error: String?
    }

    /// Records an event; `nil` when a verified delivery with the same id is already recorded, or the instance has been
    /// deleted (a deleted instance's log takes nothing more: its cleanup job may already have run).
    static func insert(_ event: NewEvent, in transaction: Transaction) async throws -> InboundEventID? {
        let rows = try await transaction.query(
            .dynamic(
                """
                INSERT INTO integrations.inbound_events (tenant_id, instance_id, source, endpoint, delivery_id, topic, verified, request_headers,
                    request_body, response_status, response_body, status, error)
                SELECT $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13
                WHERE EXISTS (SELECT 1 FROM integrations.instances WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL)
                ON CONFLICT (tenant_id, instance_id, delivery_id) WHERE verified AND delivery_id IS NOT NULL DO NOTHING
                RETURNING id
                """, transaction.tenant.rawValue, event.instance.rawValue, event.source.rawValue, event.endpoint, event.deliveryID, event.topic,
                event.verified, event.requestHeaders, ByteBuffer(bytes: event.requestBody), event.responseStatus, event.responseBody,
                event.status.rawValue, event.error))
        for try await id in rows.decode(Int64.self) { return InboundEventID(id) }
        return nil
    }

    /// A verified webhook delivery, recorded `pending` with the receiver's 200 answer.
    struct NewDelivery: Sendable {
        let instance: IntegrationInstanceID
        let endpoint: String
        let deliveryID: String?
        let topic: String?
        let requestHeaders: String
        let requestBody: [UInt8]
    }

    /// Records verified deliveries in one statement. Answers in the deliveries' order: each one's event id, or `nil` when
    /// its delivery id was already recorded (before, or earlier in the same batch). Ids are drawn from the table's
    /// identity sequence up front so each answer can be matched to its delivery.
    static func insert(_ deliveries: [NewDelivery], answer: String, in transaction: Transaction) async throws -> [InboundEventID?] {
        let rows = try await transaction.query(
            .dynamic(
                """
                WITH input AS MATERIALIZED (
                    SELECT nextval(pg_get_serial_sequence('integrations.inbound_events', 'id')) AS id, d.*
                    FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bytea[]) WITH ORDINALITY
                        AS d(instance_id, endpoint, delivery_id, topic, headers, body, position)
                ), recorded AS (
                    INSERT INTO integrations.inbound_events (id, tenant_id, instance_id, source, endpoint, delivery_id, topic, verified,
                        request_headers, request_body, response_status, response_body, status)
                    OVERRIDING SYSTEM VALUE
                    SELECT id, $1, instance_id, 'webhook', endpoint, NULLIF(delivery_id, ''), NULLIF(topic, ''), true, headers::jsonb, body,
                        200, $8, 'pending'
                    FROM input ORDER BY position
                    ON CONFLICT (tenant_id, instance_id, delivery_id) WHERE verified AND delivery_id IS NOT NULL DO NOTHING
                    RETURNING id
                )
                SELECT recorded.id FROM input LEFT JOIN recorded USING (id) ORDER BY input.position
                """, transaction.tenant.rawValue, deliveries.map(\.instance.rawValue), deliveries.map(\.endpoint),
                deliveries.map { $0.deliveryID ?? "" }, deliveries.map { $0.topic ?? "" }, deliveries.map(\.requestHeaders),
                deliveries.map { ByteBuffer(bytes: $0.requestBody) }, answer))
        var ids: [InboundEventID?] = []
        for try await id in rows.decode(Int64?.self) { ids.append(id.map(InboundEventID.init)) }
        return ids
    }

    static func find(_ id: InboundEventID, forUpdate: Bool = false, in transaction: Transaction) async throws -> InboundEvent? {
        try await self.events(
            transaction.query(
                .dynamic(
                    "SELECT \(Self.columns) FROM integrations.inbound_events WHERE tenant_id = $1 AND id = $2\(forUpdate ? " FOR UPDATE" : "")",
                    transaction.tenant.rawValue, id.rawValue))
        ).first
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [InboundEvent] {
        try await self.events(
            transaction.query(
                .dynamic(
                    "SELECT \(Self.columns) FROM integrations.inbound_events WHERE tenant_id = $1 AND id = ANY($2)", transaction.tenant.rawValue, ids)
            ))
    }

    /// What a processing attempt needs: the body, topic and provider, after moving the event to `processing`.
    static func claim(_ id: InboundEventID, in transaction: Transaction) async throws -> (
        instance: IntegrationInstanceID, connected: Bool, provider: Provider, topic: String, body: [UInt8]
    )? {
        let rows = try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.inbound_events e SET status = 'processing', attempts = attempts + 1
                FROM integrations.instances i
                WHERE e.tenant_id = $1 AND e.id = $2 AND e.status = 'pending' AND e.verified
                  AND i.tenant_id = e.tenant_id AND i.id = e.instance_id
                RETURNING i.id, i.status = 'connected' AND i.deleted_at IS NULL, i.provider, coalesce(e.topic, ''), e.request_body
                """, transaction.tenant.rawValue, id.rawValue))
        for try await (instance, connected, provider, topic, body) in rows.decode((Int64, Bool, String, String, ByteBuffer).self) {
            guard let provider = Provider(rawValue: provider) else { return nil }
            return (IntegrationInstanceID(instance), connected, provider, topic, Array(body.readableBytesView))
        }
        return nil
    }

    static func finish(
        _ id: InboundEventID, status: InboundEventStatus, error: String?, resource: String?, remoteID: String?, remoteStatus: String?,
        in transaction: Transaction
    ) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.inbound_events SET status = $3, error = $4, resource = $5, remote_id = $6, remote_status = $7, processed_at = now()
                WHERE tenant_id = $1 AND id = $2
                """, transaction.tenant.rawValue, id.rawValue, status.rawValue, error, resource, remoteID, remoteStatus))
    }

    /// Moves failed, verified events back to pending (at most `limit`, oldest first); returns their ids.
    static func requeueFailed(ids: [Int64]?, instance: IntegrationInstanceID?, limit: Int, in transaction: Transaction) async throws
        -> [InboundEventID]
    {
        try await self.ids(
            transaction.query(
                .dynamic(
                    """
                    UPDATE integrations.inbound_events SET status = 'pending', error = NULL
                    WHERE tenant_id = $1 AND id IN (
                        SELECT id FROM integrations.inbound_events
                        WHERE tenant_id = $1 AND status = 'failed' AND verified AND source = 'webhook' AND ($2::int8 IS NULL OR instance_id = $2)
                          AND ($3::int8[] IS NULL OR id = ANY($3))
                        ORDER BY received_at, id LIMIT $4 FOR UPDATE)
                    RETURNING id
                    """, transaction.tenant.rawValue, instance?.rawValue, ids, limit)))
    }

    /// Pending, verified webhook deliveries (at most `limit`, oldest first).
    static func pending(instance: IntegrationInstanceID?, limit: Int, in transaction: Transaction) async throws -> [InboundEventID] {
        try await self.ids(
            transaction.query(
                .dynamic(
                    """
                    SELECT id FROM integrations.inbound_events
                    WHERE tenant_id = $1 AND status = 'pending' AND verified AND source = 'webhook' AND ($2::int8 IS NULL OR instance_id = $2)
                    ORDER BY received_at, id LIMIT $3
                    """, transaction.tenant.rawValue, instance?.rawValue, limit)))
    }

    static func delete(ids: [Int64], in transaction: Transaction) async throws -> Int {
        try await self.ids(
            transaction.query(
                .dynamic(
                    "DELETE FROM integrations.inbound_events WHERE tenant_id = $1 AND id = ANY($2) RETURNING id", transaction.tenant.rawValue, ids))
        ).count
    }

    static func deleteAll(instance: IntegrationInstanceID, in transaction: Transaction) async throws -> Int {
        let rows = try await transaction.query(
            .dynamic(
                """
                WITH gone AS (DELETE FROM integrations.inbound_events WHERE tenant_id = $1 AND instance_id = $2 RETURNING 1)
                SELECT count(*) FROM gone
                """, transaction.tenant.rawValue, instance.rawValue))
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    static func stats(instance: IntegrationInstanceID?, in transaction: Transaction) async throws -> InboundEventStats {
        var byStatus: [InboundEventStatus: Int] = [:]
        var endpoints: Set<String> = []
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT status, endpoint, count(*) FROM integrations.inbound_events
                WHERE tenant_id = $1 AND ($2::int8 IS NULL OR instance_id = $2) GROUP BY status, endpoint
                """, transaction.tenant.rawValue, instance?.rawValue))
        for try await (status, endpoint, count) in rows.decode((String, String, Int).self) {
            if let status = InboundEventStatus(rawValue: status) { byStatus[status, default: 0] += count }
            endpoints.insert(endpoint)
        }
        return InboundEventStats(total: byStatus.values.reduce(0, +), byStatus: byStatus, endpoints: endpoints.sorted())
    }

    static func list(
        instance: IntegrationInstanceID?, filter: InboundEventFilter?, sort: [ListSort<InboundEventSortField>], page: PageRequest, tenant: TenantID
    ) throws -> KeysetPage {
        let keys = SortKey.keys(for: sort.isEmpty ? [ListSort(.receivedAt, .desc)] : sort) { field, descending in
            switch field {
            case .receivedAt: SortKey("received_at", .timestamp, descending: descending)
            case .status: SortKey("status", .text, descending: descending)
            case .id: nil
            }
        }
        return try InstanceScopedList.page(
            table: "integrations.inbound_events", columns: Self.columns, tenant: tenant, instance: instance, filter: filter,
            clauses: { filter, conditions in
                [
                    try conditions.enumeration("status", filter.status), try conditions.enumeration("source", filter.source),
                    try conditions.string("endpoint", filter.endpoint), try conditions.string("topic", filter.topic),
                    try conditions.string("delivery_id", filter.deliveryId), try conditions.dateTime("received_at", filter.receivedAt),
                ]
            }, keys: keys, page: page)
    }

    static func events(_ rows: PostgresRowSequence) async throws -> [InboundEvent] {
        var events: [InboundEvent] = []
        for try await row in rows { events.append(try self.event(row)) }
        return events
    }

    static func event(_ row: PostgresRow) throws -> InboundEvent {
        let cells = row.makeRandomAccess()
        return InboundEvent(
            id: InboundEventID(try cells[0].decode(Int64.self)), instanceID: IntegrationInstanceID(try cells[1].decode(Int64.self)),
            source: InboundEventSource(rawValue: try cells[2].decode(String.self)) ?? .webhook, endpoint: try cells[3].decode(String.self),
            deliveryID: try cells[4].decode(String?.self), topic: try cells[5].decode(String?.self), verified: try cells[6].decode(Bool.self),
            requestHeaders: try cells[7].decode(String.self),
            requestBody: String(decoding: try cells[8].decode(ByteBuffer.self).readableBytesView, as: UTF8.self),
            responseStatus: try cells[9].decode(Int.self), responseBody: try cells[10].decode(String?.self),
            status: InboundEventStatus(rawValue: try cells[11].decode(String.self)) ?? .failed, error: try cells[12].decode(String?.self),
            attempts: try cells[13].decode(Int.self), resource: try cells[14].decode(String?.self), remoteID: try cells[15].decode(String?.self),
            remoteStatus: try cells[16].decode(String?.self), receivedAt: try cells[17].decode(Date.self),
            processedAt: try cells[18].decode(Date?.self))
    }

    private static func ids(_ rows: PostgresRowSequence) async throws -> [InboundEventID] {
        var ids: [InboundEventID] = []
        for try await id in rows.decode(Int64.self) { ids.append(InboundEventID(id)) }
        return ids
    }
}
