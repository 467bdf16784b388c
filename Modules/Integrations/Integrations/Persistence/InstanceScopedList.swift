import IntegrationsContracts
import Kernel
import Storage

/// A keyset list of one of the context's per-instance tables (inbound events, sync runs): the tenant's rows, of one instance
/// when given, narrowed by the filter's clauses.
enum InstanceScopedList {
    static func page<Filter: CompoundFilter>(
        table: String, columns: String, tenant: TenantID, instance: IntegrationInstanceID?, filter: Filter?,
        clauses: (Filter, inout SQLConditions) throws -> [String?], keys: [SortKey], page: PageRequest
    ) throws -> KeysetPage {
        var conditions = SQLConditions()
        let tenantClause = "tenant_id = \(try conditions.bind(tenant.rawValue))"
        let instanceClause = try instance.map { "instance_id = \(try conditions.bind($0.rawValue))" }
        let filterClause = try conditions.compound(filter, fields: clauses)
        let whereClause = SQLConditions.all([tenantClause, instanceClause, filterClause]) ?? tenantClause
        return KeysetPage(table: table, columns: columns, where: whereClause, conditions: conditions, keys: keys, page: page)
    }
}
