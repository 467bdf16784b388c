import Foundation
import IdentityContracts
import Kernel
import PostgresNIO
import Storage

/// Hand-written SQL for tenants, users, memberships and machine tokens.
enum IdentityStore {
    static func insertTenant(id: TenantID, name: String, slug: String, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            INSERT INTO identity.tenants (tenant_id, name, slug) VALUES (\(id.rawValue), \(name), \(slug))
            ON CONFLICT (tenant_id) DO NOTHING
            """)
    }

    static func tenant(_ id: TenantID, in transaction: Transaction) async throws -> TenantSummary? {
        let rows = try await transaction.query(
            "SELECT tenant_id, name, slug, created_at FROM identity.tenants WHERE tenant_id = \(id.rawValue)")
        for try await (id, name, slug, createdAt) in rows.decode((UUID, String, String, Date).self) {
            return TenantSummary(id: TenantID(id), name: name, slug: slug, createdAt: createdAt)
        }
        return nil
    }

    static func insertUser(id: UserID, email: String, name: String, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            INSERT INTO identity.users (user_id, email, name) VALUES (\(id.rawValue), \(email), \(name))
            ON CONFLICT DO NOTHING
            """)
    }

    static func user(email: String, in transaction: Transaction) async throws -> UserSummary? {
        try await self.firstUser(transaction.query("SELECT user_id, email, name FROM identity.users WHERE lower(email) = lower(\(email))"))
    }

    static func user(_ id: UserID, in transaction: Transaction) async throws -> UserSummary? {
        try await self.firstUser(transaction.query("SELECT user_id, email, name FROM identity.users WHERE user_id = \(id.rawValue)"))
    }

    private static func firstUser(_ rows: PostgresRowSequence) async throws -> UserSummary? {
        for try await (id, email, name) in rows.decode((UUID, String, String).self) {
            return UserSummary(id: UserID(id), email: email, name: name)
        }
        return nil
    }

    static func setMembership(tenant: TenantID, user: UserID, role: Role, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            INSERT INTO identity.memberships (tenant_id, user_id, role) VALUES (\(tenant.rawValue), \(user.rawValue), \(role.rawValue))
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET role = EXCLUDED.role
            """)
    }

    static func role(of user: UserID, in transaction: Transaction) async throws -> Role? {
        let rows = try await transaction.query(
            "SELECT role FROM identity.memberships WHERE tenant_id = \(transaction.tenant.rawValue) AND user_id = \(user.rawValue)")
        for try await role in rows.decode(String.self) { return Role(rawValue: role) }
        return nil
    }

    static let tokenColumns =
        "token_id, tenant_id, name, display_prefix, scopes, created_by, created_at, last_used_at, revoked_at, channel_instance_id"

    static func insertToken(_ token: MachineTokenSummary, secretSHA256: String, in transaction: Transaction) async throws {
        try await transaction.query(
            """
            INSERT INTO identity.machine_tokens (tenant_id, token_id, name, display_prefix, secret_sha256, scopes, created_by, created_at,
                channel_instance_id)
            VALUES (\(token.tenantID.rawValue), \(token.id.rawValue), \(token.name), \(token.displayPrefix), \(secretSHA256),
                    \(token.scopes.map(\.rawValue)), \(token.createdBy), \(token.createdAt), \(token.channelInstanceID))
            """)
    }

    /// Looks a secret's hash up across tenants (system scope) and stamps `last_used_at` at most once a minute.
    static func tokenForSecret(sha256: String, in transaction: Transaction) async throws -> MachineTokenSummary? {
        let token = try await self.tokens(
            transaction.query(
                .dynamic("SELECT \(Self.tokenColumns) FROM identity.machine_tokens WHERE secret_sha256 = $1", sha256))
        ).first
        if let token, token.revokedAt == nil {
            try await transaction.query(
                """
                UPDATE identity.machine_tokens SET last_used_at = now()
                WHERE tenant_id = \(token.tenantID.rawValue) AND token_id = \(token.id.rawValue)
                  AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """)
        }
        return token
    }

    static func tokens(in transaction: Transaction) async throws -> [MachineTokenSummary] {
        try await self.tokens(
            transaction.query(
                .dynamic(
                    "SELECT \(Self.tokenColumns) FROM identity.machine_tokens WHERE tenant_id = $1 ORDER BY created_at DESC, token_id",
                    transaction.tenant.rawValue))
        )
    }

    /// The channel's unrevoked tokens, newest first.
    static func channelTokens(_ channel: Int64, in transaction: Transaction) async throws -> [MachineTokenSummary] {
        try await self.tokens(
            transaction.query(
                .dynamic(
                    """
                    SELECT \(Self.tokenColumns) FROM identity.machine_tokens
                    WHERE tenant_id = $1 AND channel_instance_id = $2 AND revoked_at IS NULL ORDER BY created_at DESC, token_id
                    """, transaction.tenant.rawValue, channel))
        )
    }

    /// Revokes the token (only if bound to `channel`, when given); `nil` when there is no such unrevoked token.
    static func revokeToken(_ id: MachineTokenID, channel: Int64? = nil, in transaction: Transaction) async throws -> MachineTokenSummary? {
        try await self.tokens(
            transaction.query(
                .dynamic(
                    """
                    UPDATE identity.machine_tokens SET revoked_at = now()
                    WHERE tenant_id = $1 AND token_id = $2 AND revoked_at IS NULL AND ($3::int8 IS NULL OR channel_instance_id = $3)
                    RETURNING \(Self.tokenColumns)
                    """,
                    transaction.tenant.rawValue, id.rawValue, channel))
        ).first
    }

    /// Revokes the channel's active tokens holding both channel scopes (the per-instance token being replaced).
    static func revokeFullChannelTokens(_ channel: Int64, in transaction: Transaction) async throws -> [MachineTokenSummary] {
        try await self.tokens(
            transaction.query(
                .dynamic(
                    """
                    UPDATE identity.machine_tokens SET revoked_at = now()
                    WHERE tenant_id = $1 AND channel_instance_id = $2 AND revoked_at IS NULL
                      AND scopes @> ARRAY['channel:read', 'channel:write']
                    RETURNING \(Self.tokenColumns)
                    """, transaction.tenant.rawValue, channel)))
    }

    static func tokenExists(_ id: MachineTokenID, channel: Int64? = nil, in transaction: Transaction) async throws -> Bool {
        try await !transaction.query(
            """
            SELECT 1 FROM identity.machine_tokens WHERE tenant_id = \(transaction.tenant.rawValue) AND token_id = \(id.rawValue)
              AND (\(channel)::int8 IS NULL OR channel_instance_id = \(channel))
            """
        ).collect().isEmpty
    }

    private static func tokens(_ rows: PostgresRowSequence) async throws -> [MachineTokenSummary] {
        var tokens: [MachineTokenSummary] = []
        for try await (id, tenant, name, prefix, scopes, createdBy, createdAt, lastUsedAt, revokedAt, channel) in rows.decode(
            (UUID, UUID, String, String, [String], String, Date, Date?, Date?, Int64?).self)
        {
            tokens.append(
                MachineTokenSummary(
                    id: MachineTokenID(id), tenantID: TenantID(tenant), name: name, displayPrefix: prefix,
                    scopes: scopes.compactMap(TokenScope.init(rawValue:)), createdBy: createdBy, createdAt: createdAt,
                    lastUsedAt: lastUsedAt, revokedAt: revokedAt, channelInstanceID: channel))
        }
        return tokens
    }
}
