import Foundation
import IntegrationsContracts
import Kernel
import PostgresNIO
import Storage

/// SQL of `integrations.instances`. Reads skip soft-deleted rows.
enum InstanceStore {
    static let columns = """
        id, provider, name, code, status, api_base_url, integration_settings::text, connection_settings::text, credential_names,
        webhook_key, webhooks_enabled, sync_inventory, conflict_strategy, poll_interval_minutes, created_at, updated_at, disconnected_at
        """

    /// Inserts the instance and returns its id; a taken name or code throws `duplicateName` or `duplicateCode`.
    static func insert(
        provider: Provider, name: String, code: String?, apiBaseURL: String?, integrationSettings: String, connectionSettings: String,
        credentialNames: [String], pollIntervalMinutes: Int, in transaction: Transaction
    ) async throws -> IntegrationInstanceID {
        do {
            let rows = try await transaction.query(
                .dynamic(
                    """
                    INSERT INTO integrations.instances (tenant_id, provider, name, code, api_base_url, integration_settings,
                        connection_settings, credential_names, webhook_key, poll_interval_minutes)
                    VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10) RETURNING id
                    """, transaction.tenant.rawValue, provider.rawValue, name, code, apiBaseURL, integrationSettings, connectionSettings,
                    credentialNames, InstanceRules.newWebhookKey(), pollIntervalMinutes))
            for try await id in rows.decode(Int64.self) { return IntegrationInstanceID(id) }
            throw IntegrationsError.invalidName
        } catch let state where SQLState(of: state)?.isUniqueViolation == true {
            throw Self.duplicate(state, name: name, code: code)
        }
    }

    static func storeCredentials(
        _ sealed: [UInt8]?, names: [String], status: InstanceStatus, for id: IntegrationInstanceID, in transaction: Transaction
    ) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.instances SET credentials_sealed = $3, credential_names = $4, status = $5,
                    disconnected_at = CASE WHEN $5 = 'disconnected' THEN disconnected_at END, updated_at = now()
                WHERE tenant_id = $1 AND id = $2
                """, transaction.tenant.rawValue, id.rawValue, sealed.map { ByteBuffer(bytes: $0) }, names, status.rawValue))
    }

    static func find(_ id: IntegrationInstanceID, forUpdate: Bool = false, in transaction: Transaction) async throws -> IntegrationInstance? {
        try await self.instances(
            transaction.query(
                .dynamic(
                    "SELECT \(Self.columns) FROM integrations.instances WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL\(forUpdate ? " FOR NO KEY UPDATE" : "")",
                    transaction.tenant.rawValue, id.rawValue))
        ).first
    }

    static func find(ids: [Int64], in transaction: Transaction) async throws -> [IntegrationInstance] {
        try await self.instances(
            transaction.query(
                .dynamic(
                    "SELECT \(Self.columns) FROM integrations.instances WHERE tenant_id = $1 AND id = ANY($2) AND deleted_at IS NULL",
                    transaction.tenant.rawValue, ids)))
    }

    /// Applies a PUT (`replace`) or PATCH (`merge`) to the stored fields; a taken name or code throws `duplicateName` or
    /// `duplicateCode`.
    static func update(
        _ id: IntegrationInstanceID, mode: InstanceUpdate.Mode, name: String?, code: String? = nil, apiBaseURL: String?, integrationSettings: String?,
        connectionSettings: String?, in transaction: Transaction
    ) async throws {
        let settings =
            mode == .replace
            ? "integration_settings = coalesce($5::jsonb, '{}'), connection_settings = coalesce($6::jsonb, '{}'), api_base_url = $4"
            : """
            integration_settings = integrations.merge_patch(integration_settings, coalesce($5::jsonb, '{}')),
            connection_settings = integrations.merge_patch(connection_settings, coalesce($6::jsonb, '{}')),
            api_base_url = coalesce($4, api_base_url)
            """
        do {
            try await transaction.query(
                .dynamic(
                    """
                    UPDATE integrations.instances SET name = coalesce($3, name), code = coalesce($7, code), \(settings), updated_at = now()
                    WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
                    """, transaction.tenant.rawValue, id.rawValue, name, apiBaseURL, integrationSettings, connectionSettings, code))
        } catch let state where SQLState(of: state)?.isUniqueViolation == true {
            throw Self.duplicate(state, name: name ?? "", code: code)
        }
    }

    /// The error of a unique violation: the code's index, or else the name's.
    private static func duplicate(_ error: any Error, name: String, code: String?) -> IntegrationsError {
        SQLState(of: error)?.constraint == "instances_code" ? .duplicateCode(code ?? "") : .duplicateName(name)
    }

    static func enable(_ id: IntegrationInstanceID, _ enablement: ChannelEnablement, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.instances SET webhooks_enabled = coalesce($3, webhooks_enabled), sync_inventory = coalesce($4, sync_inventory),
                    conflict_strategy = coalesce($5, conflict_strategy), poll_interval_minutes = coalesce($6, poll_interval_minutes), updated_at = now()
                WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
                """, transaction.tenant.rawValue, id.rawValue, enablement.webhooks, enablement.syncInventory,
                enablement.conflictStrategy?.rawValue, enablement.pollIntervalMinutes))
    }

    static func disconnect(_ id: IntegrationInstanceID, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.instances SET status = 'disconnected', credentials_sealed = NULL, credential_names = '{}',
                    webhooks_enabled = false, sync_inventory = false, disconnected_at = now(), updated_at = now()
                WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
                """, transaction.tenant.rawValue, id.rawValue))
    }

    static func softDelete(_ id: IntegrationInstanceID, in transaction: Transaction) async throws {
        try await transaction.query(
            .dynamic(
                """
                UPDATE integrations.instances SET deleted_at = now(), credentials_sealed = NULL, credential_names = '{}',
                    webhooks_enabled = false, sync_inventory = false, status = 'disconnected', updated_at = now()
                WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL
                """, transaction.tenant.rawValue, id.rawValue))
    }

    /// Resolves a webhook key across tenants (system scope): the tenant, instance id, provider and sealed credentials.
    static func route(webhookKey: String, in transaction: Transaction) async throws -> WebhookRoute? {
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT tenant_id, id, provider, status, api_base_url, credentials_sealed FROM integrations.instances
                WHERE webhook_key = $1 AND deleted_at IS NULL
                """, webhookKey))
        for try await (tenant, id, provider, status, baseURL, sealed) in rows.decode((UUID, Int64, String, String, String?, ByteBuffer?).self) {
            guard let provider = Provider(rawValue: provider), let status = InstanceStatus(rawValue: status) else { return nil }
            return WebhookRoute(
                tenant: TenantID(tenant), instance: IntegrationInstanceID(id), provider: provider, status: status, apiBaseURL: baseURL,
                sealedCredentials: sealed.map { Array($0.readableBytesView) })
        }
        return nil
    }

    static func list(
        filter: IntegrationInstanceFilter?, sort: [ListSort<IntegrationInstanceSortField>], page: PageRequest, tenant: TenantID
    ) throws -> KeysetPage {
        var conditions = SQLConditions()
        let tenantClause = "tenant_id = \(try conditions.bind(tenant.rawValue)) AND deleted_at IS NULL"
        let filterClause = try conditions.compound(filter) { filter, conditions in
            [
                try conditions.enumeration("provider", filter.provider), try conditions.enumeration("status", filter.status),
                try conditions.string("name", filter.name), try conditions.dateTime("created_at", filter.createdAt),
            ]
        }
        let keys = SortKey.keys(for: sort.isEmpty ? [ListSort(.createdAt, .desc)] : sort) { field, descending in
            switch field {
            case .createdAt: SortKey("created_at", .timestamp, descending: descending)
            case .name: SortKey("name", .text, descending: descending)
            case .id: nil
            }
        }
        return KeysetPage(
            table: "integrations.instances", columns: Self.columns, where: SQLConditions.all([tenantClause, filterClause]) ?? tenantClause,
            conditions: conditions, keys: keys, page: page)
    }

    /// Every live instance's id, name and provider, by name (for pickers).
    static func options(provider: Provider?, in transaction: Transaction) async throws -> [IntegrationInstanceOption] {
        let rows = try await transaction.query(
            .dynamic(
                """
                SELECT id, name, code, provider FROM integrations.instances
                WHERE tenant_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR provider = $2) ORDER BY name, id
                """, transaction.tenant.rawValue, provider?.rawValue))
        var options: [IntegrationInstanceOption] = []
        for try await (id, name, code, provider) in rows.decode((Int64, String, String, String).self) {
            options.append(
                IntegrationInstanceOption(id: IntegrationInstanceID(id), name: name, code: code, provider: Provider(rawValue: provider) ?? .partner))
        }
        return options
    }

    static func instances(_ rows: PostgresRowSequence) async throws -> [IntegrationInstance] {
        var instances: [IntegrationInstance] = []
        for try await row in rows { instances.append(try self.instance(row)) }
        return instances
    }

    static func instance(_ row: PostgresRow) throws -> IntegrationInstance {
        let cells = try row.decode(
            (Int64, String, String, String, String, String?, String, String, [String], String, Bool, Bool, String, Int, Date, Date, Date?).self)
        return IntegrationInstance(
            id: IntegrationInstanceID(cells.0), provider: Provider(rawValue: cells.1) ?? .partner, name: cells.2, code: cells.3,
            status: InstanceStatus(rawValue: cells.4) ?? .disconnected, apiBaseURL: cells.5, integrationSettings: cells.6,
            connectionSettings: cells.7, credentialNames: cells.8, webhookKey: cells.9, webhooksEnabled: cells.10, syncInventory: cells.11,
            conflictStrategy: ConflictStrategy(rawValue: cells.12) ?? .masterWins, pollIntervalMinutes: cells.13, createdAt: cells.14,
            updatedAt: cells.15, disconnectedAt: cells.16)
    }
}

/// Where a webhook key leads.
struct WebhookRoute: Sendable {
    let tenant: TenantID
    let instance: IntegrationInstanceID
    let provider: Provider
    let status: InstanceStatus
    let apiBaseURL: String?
    let sealedCredentials: [UInt8]?
}

extension InstanceStore {
    /// An instance's sealed credentials (opened only by the vault).
    static func sealedCredentials(_ id: IntegrationInstanceID, in transaction: Transaction) async throws -> [UInt8]? {
        let rows = try await transaction.query(
            .dynamic(
                "SELECT credentials_sealed FROM integrations.instances WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL",
                transaction.tenant.rawValue, id.rawValue))
        for try await sealed in rows.decode(ByteBuffer?.self) { return sealed.map { Array($0.readableBytesView) } }
        return nil
    }
}
