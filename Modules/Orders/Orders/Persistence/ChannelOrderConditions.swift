import Foundation
import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// The WHERE clause of the admin's channel-order list, shared by its pages, counts, stats and bulk actions so they all
/// mean the same orders. Every value is a bound parameter.
struct ChannelOrderConditions {
    let whereClause: String
    let conditions: SQLConditions

    init(tenant: TenantID, instance: Int64?, filter: ChannelOrderFilter?) throws {
        var conditions = SQLConditions()
        let tenantClause = "tenant_id = \(try conditions.bind(tenant.rawValue))"
        let instanceClause = try instance.map { "instance_id = \(try conditions.bind($0))" }
        let archiveDefault = filter?.archived == nil ? "archived_at IS NULL" : nil
        let filterClause = try conditions.compound(filter) { filter, conditions in
            try Self.fields(filter, tenant: tenant, &conditions)
        }
        self.whereClause = SQLConditions.all([tenantClause, instanceClause, archiveDefault, filterClause]) ?? tenantClause
        self.conditions = conditions
    }

    /// Orders named by id.
    init(tenant: TenantID, ids: [Int64]) throws {
        var conditions = SQLConditions()
        self.whereClause = "tenant_id = \(try conditions.bind(tenant.rawValue)) AND id = ANY(\(try conditions.bind(ids))::int8[])"
        self.conditions = conditions
    }

    init(tenant: TenantID, selection: OrderSelection) throws {
        switch selection {
        case .ids(let ids): try self.init(tenant: tenant, ids: ids)
        case .all(let instance, let filter): try self.init(tenant: tenant, instance: instance, filter: filter)
        }
    }

    private static func fields(_ filter: ChannelOrderFilter, tenant: TenantID, _ conditions: inout SQLConditions) throws -> [String?] {
        [
            try conditions.enumeration("provider", filter.provider), try conditions.string("status", filter.status),
            try conditions.string("payment_status", filter.paymentStatus),
            try conditions.enumeration("canonical_status", filter.canonicalStatus),
            try conditions.enumeration("aggregated_status", filter.aggregatedStatus), try conditions.string("currency", filter.currency),
            try conditions.string("payment_method", filter.paymentMethod), try conditions.dateTime("placed_at", filter.orderedAt),
            try conditions.dateTime("channel_changed_at", filter.updatedAt),
            try filter.importedToErp.map { "imported_to_erp = \(try conditions.bind($0))" }, Self.archived(filter.archived),
            try Self.search(filter.search, tenant: tenant, &conditions),
        ]
    }

    private static func archived(_ scope: ChannelOrderFilter.ArchiveScope?) -> String? {
        switch scope {
        case .active: "archived_at IS NULL"
        case .archived: "archived_at IS NOT NULL"
        case .all, nil: nil
        }
    }

    /// Substring search through the trigram indexes of `search_text` and the lines' SKUs: the matches are found first and
    /// then ordered, so a search that narrows the list stays fast on a large tenant (one matching most orders does not).
    private static func search(_ text: String?, tenant: TenantID, _ conditions: inout SQLConditions) throws -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let length = text.unicodeScalars.count
        guard length <= ChannelOrderFilter.maxSearchLength else { throw OrdersError.searchTooLong(length) }
        let pattern = try conditions.bind(SQLConditions.containing(text.lowercased()))
        let tenantValue = try conditions.bind(tenant.rawValue)
        return """
            id IN (SELECT id FROM orders.orders WHERE tenant_id = \(tenantValue) AND search_text LIKE \(pattern) \
            UNION SELECT order_id FROM orders.order_lines WHERE tenant_id = \(tenantValue) AND lower(sku) LIKE \(pattern))
            """
    }

    /// A statement over the selected orders: `template` receives the WHERE clause.
    func statement(_ template: (String) -> String) -> PostgresQuery {
        PostgresQuery(unsafeSQL: template(self.whereClause), binds: self.conditions.bindings)
    }
}
