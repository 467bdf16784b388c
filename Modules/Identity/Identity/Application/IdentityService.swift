import Foundation
import IdentityContracts
import Kernel
import PostgresNIO
import Storage

/// The Identity context's implementation of its facade.
public struct IdentityService: IdentityFacade {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func ensureTenant(id: TenantID, name: String, slug: String) async throws -> TenantSummary {
        let slug = try IdentityRules.slug(slug)
        return try await self.database.withSystem { transaction in
            try await IdentityStore.insertTenant(id: id, name: name, slug: slug, in: transaction)
            guard let tenant = try await IdentityStore.tenant(id, in: transaction) else { throw IdentityError.tenantNotFound("\(id)") }
            return tenant
        }
    }

    public func tenant(_ id: TenantID) async throws -> TenantSummary? {
        try await self.database.withTenant(id) { transaction in try await IdentityStore.tenant(id, in: transaction) }
    }

    public func ensureUser(id: UserID, email: String, name: String) async throws -> UserSummary {
        let email = try IdentityRules.email(email)
        return try await self.database.withSystem { transaction in
            try await IdentityStore.insertUser(id: id, email: email, name: name, in: transaction)
            guard let user = try await IdentityStore.user(email: email, in: transaction) else { throw IdentityError.invalidEmail(email) }
            return user
        }
    }

    public func user(email: String) async throws -> UserSummary? {
        try await self.database.withSystem { transaction in try await IdentityStore.user(email: email, in: transaction) }
    }

    public func setMembership(tenant: TenantID, user: UserID, role: Role) async throws {
        try await self.database.withTenant(tenant) { transaction in
            try await IdentityStore.setMembership(tenant: tenant, user: user, role: role, in: transaction)
        }
    }

    public func authenticateUser(_ userID: UserID, in tenant: TenantID) async throws -> Principal {
        try await self.database.withTenant(tenant) { transaction in
            guard let role = try await IdentityStore.role(of: userID, in: transaction),
                let user = try await IdentityStore.user(userID, in: transaction)
            else { throw IdentityError.notAMember(tenant: "\(tenant)") }
            return .user(user, tenant: tenant, role: role)
        }
    }

    public func authenticateToken(secret: String) async throws -> Principal {
        let secret = TokenSecret(text: secret)
        guard secret.isWellFormed else { throw IdentityError.invalidCredentials }
        return try await self.database.withSystem { transaction in
            guard let token = try await IdentityStore.tokenForSecret(sha256: secret.sha256Hex, in: transaction) else {
                throw IdentityError.invalidCredentials
            }
            guard token.revokedAt == nil else { throw IdentityError.tokenRevoked }
            return .machine(token)
        }
    }

    public func issueToken(tenant: TenantID, name: String, scopes: [String], createdBy: String) async throws -> IssuedMachineToken {
        try await self.issue(
            tenant: tenant, name: try IdentityRules.tokenName(name), scopes: try IdentityRules.tenantScopes(scopes), channel: nil,
            replacing: false, createdBy: createdBy)
    }

    public func issueChannelToken(tenant: TenantID, channel: Int64, name: String, scopes: [String], replacing: Bool, createdBy: String)
        async throws -> IssuedMachineToken
    {
        try await self.issue(
            tenant: tenant, name: try IdentityRules.tokenName(name), scopes: try IdentityRules.channelScopes(scopes), channel: channel,
            replacing: replacing, createdBy: createdBy)
    }

    public func tokens(tenant: TenantID) async throws -> [MachineTokenSummary] {
        try await self.database.withTenant(tenant) { transaction in try await IdentityStore.tokens(in: transaction) }
    }

    public func channelTokens(tenant: TenantID, channel: Int64) async throws -> [MachineTokenSummary] {
        try await self.database.withTenant(tenant) { transaction in try await IdentityStore.channelTokens(channel, in: transaction) }
    }

    public func revokeToken(_ id: MachineTokenID, tenant: TenantID, revokedBy: String) async throws -> MachineTokenSummary {
        try await self.revoke(id, channel: nil, tenant: tenant, revokedBy: revokedBy)
    }

    public func revokeChannelToken(_ id: MachineTokenID, channel: Int64, tenant: TenantID, revokedBy: String) async throws
        -> MachineTokenSummary
    {
        try await self.revoke(id, channel: channel, tenant: tenant, revokedBy: revokedBy)
    }

    private func issue(tenant: TenantID, name: String, scopes: [TokenScope], channel: Int64?, replacing: Bool, createdBy: String)
        async throws -> IssuedMachineToken
    {
        let secret = TokenSecret.generate()
        return try await self.database.withTenant(tenant) { transaction in
            guard try await IdentityStore.tenant(tenant, in: transaction) != nil else { throw IdentityError.tenantNotFound("\(tenant)") }
            if replacing, let channel {
                for replaced in try await IdentityStore.revokeFullChannelTokens(channel, in: transaction) {
                    try await Self.record(replaced, event: "token.replaced", actor: createdBy, in: transaction)
                }
            }
            let now = try await Self.transactionTime(transaction)
            let token = MachineTokenSummary(
                id: .random(), tenantID: tenant, name: name, displayPrefix: secret.displayPrefix, scopes: scopes, createdBy: createdBy,
                createdAt: now, lastUsedAt: nil, revokedAt: nil, channelInstanceID: channel)
            try await IdentityStore.insertToken(token, secretSHA256: secret.sha256Hex, in: transaction)
            try await Self.record(token, event: "token.issued", actor: createdBy, in: transaction)
            return IssuedMachineToken(token: token, secret: secret.text)
        }
    }

    private func revoke(_ id: MachineTokenID, channel: Int64?, tenant: TenantID, revokedBy: String) async throws -> MachineTokenSummary {
        try await self.database.withTenant(tenant) { transaction in
            guard let token = try await IdentityStore.revokeToken(id, channel: channel, in: transaction) else {
                throw try await IdentityStore.tokenExists(id, channel: channel, in: transaction)
                    ? IdentityError.tokenAlreadyRevoked(id) : IdentityError.tokenNotFound(id)
            }
            try await Self.record(token, event: "token.revoked", actor: revokedBy, in: transaction)
            return token
        }
    }

    private static func record(_ token: MachineTokenSummary, event: String, actor: String, in transaction: Transaction) async throws {
        var properties = ["name": token.name, "scopes": token.scopes.map(\.rawValue).joined(separator: " ")]
        if let channel = token.channelInstanceID { properties["channel"] = "\(channel)" }
        try await ActivityLog.record(
            NewActivity(
                actorType: "principal", actorID: actor, subjectType: "MachineToken", subjectID: token.id.description, event: event,
                properties: properties),
            in: transaction)
    }

    private static func transactionTime(_ transaction: Transaction) async throws -> Date {
        for try await now in try await transaction.query("SELECT now()").decode(Date.self) { return now }
        return Date()
    }
}
