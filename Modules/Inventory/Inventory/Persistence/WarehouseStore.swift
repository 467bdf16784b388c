import Foundation
import InventoryContracts
import Kernel
import PostgresNIO
import Storage

/// Warehouses and the channels' allocation strategies.
enum WarehouseStore {
    static let columns = "id, code, name, priority, created_at"

    /// The ids of the warehouses with `codes`, creating the default warehouse when it is named and missing (`created`
    /// says so); any other missing code is missing from the answer.
    static func ids(codes: Set<String>, in transaction: Transaction) async throws -> (ids: [String: Int64], createdDefault: Bool) {
        let tenant = transaction.tenant.rawValue
        var createdDefault = false
        if codes.contains(Warehouse.defaultCode) {
            let inserted = try await transaction.query(
                """
                INSERT INTO inventory.warehouses (tenant_id, code, name) VALUES (\(tenant), \(Warehouse.defaultCode), 'Default')
                ON CONFLICT (tenant_id, code) DO NOTHING RETURNING id
                """)
            for try await _ in inserted { createdDefault = true }
        }
        let rows = try await transaction.query(
            "SELECT code, id FROM inventory.warehouses WHERE tenant_id = \(tenant) AND code = ANY(\(Array(codes)))")
        var ids: [String: Int64] = [:]
        for try await (code, id) in rows.decode((String, Int64).self) { ids[code] = id }
        return (ids, createdDefault)
    }

    static func save(_ input: WarehouseInput, in transaction: Transaction) async throws -> Warehouse {
        let rows = try await transaction.query(
            """
            INSERT INTO inventory.warehouses (tenant_id, code, name, priority)
            VALUES (\(transaction.tenant.rawValue), \(input.code), \(input.name), \(input.priority))
            ON CONFLICT (tenant_id, code) DO UPDATE SET name = EXCLUDED.name, priority = EXCLUDED.priority
            RETURNING \(unescaped: Self.columns)
            """)
        for try await row in rows { return try Self.warehouse(row) }
        preconditionFailure("an upsert returns its row")
    }

    static func list(in transaction: Transaction) async throws -> [Warehouse] {
        let rows = try await transaction.query(
            """
            SELECT \(unescaped: Self.columns) FROM inventory.warehouses WHERE tenant_id = \(transaction.tenant.rawValue)
            ORDER BY priority, id
            """)
        var warehouses: [Warehouse] = []
        for try await row in rows { warehouses.append(try Self.warehouse(row)) }
        return warehouses
    }

    static func strategies(in transaction: Transaction) async throws -> [String: AllocationStrategy] {
        let rows = try await transaction.query(
            "SELECT channel, strategy FROM inventory.allocation_rules WHERE tenant_id = \(transaction.tenant.rawValue)")
        var strategies: [String: AllocationStrategy] = [:]
        for try await (channel, strategy) in rows.decode((String, String).self) { strategies[channel] = AllocationStrategy(rawValue: strategy) }
        return strategies
    }

    static func setStrategy(_ strategy: AllocationStrategy?, channel: String, in transaction: Transaction) async throws {
        let tenant = transaction.tenant.rawValue
        guard let strategy else {
            try await transaction.query("DELETE FROM inventory.allocation_rules WHERE tenant_id = \(tenant) AND channel = \(channel)")
            return
        }
        try await transaction.query(
            """
            INSERT INTO inventory.allocation_rules (tenant_id, channel, strategy) VALUES (\(tenant), \(channel), \(strategy.rawValue))
            ON CONFLICT (tenant_id, channel) DO UPDATE SET strategy = EXCLUDED.strategy, updated_at = now()
            """)
    }

    private static func warehouse(_ row: PostgresRow) throws -> Warehouse {
        let (id, code, name, priority, createdAt) = try row.decode((Int64, String, String, Int, Date).self)
        return Warehouse(id: id, code: code, name: name, priority: priority, createdAt: createdAt)
    }
}
