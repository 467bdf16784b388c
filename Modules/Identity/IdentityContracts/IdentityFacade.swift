import Kernel

/// What other contexts and the edges may ask of the Identity context.
public protocol IdentityFacade: Sendable {
    /// Creates the tenant, or returns the existing one with that id unchanged.
    func ensureTenant(id: TenantID, name: String, slug: String) async throws -> TenantSummary
    func tenant(_ id: TenantID) async throws -> TenantSummary?
    /// Creates the user, or returns the existing one with that e-mail (any case) unchanged.
    func ensureUser(id: UserID, email: String, name: String) async throws -> UserSummary
    func user(email: String) async throws -> UserSummary?
    /// Adds the user to the tenant with `role`, or changes their role.
    func setMembership(tenant: TenantID, user: UserID, role: Role) async throws
    /// Resolves a signed-in user acting in a tenant; throws `notAMember` when they are not in it.
    func authenticateUser(_ user: UserID, in tenant: TenantID) async throws -> Principal
    /// Resolves a presented token secret; throws `invalidCredentials` or `tokenRevoked`.
    func authenticateToken(secret: String) async throws -> Principal
    func issueToken(tenant: TenantID, name: String, scopes: [String], createdBy: String) async throws -> IssuedMachineToken
    func tokens(tenant: TenantID) async throws -> [MachineTokenSummary]
    func revokeToken(_ id: MachineTokenID, tenant: TenantID, revokedBy: String) async throws -> MachineTokenSummary
    /// Issues a token bound to one channel (integration instance) holding only `channel:*` scopes. With `replacing`, the
    /// channel's active tokens holding both channel scopes are revoked in the same transaction.
    func issueChannelToken(tenant: TenantID, channel: Int64, name: String, scopes: [String], replacing: Bool, createdBy: String) async throws
        -> IssuedMachineToken
    /// The channel's active (unrevoked) tokens, newest first.
    func channelTokens(tenant: TenantID, channel: Int64) async throws -> [MachineTokenSummary]
    /// Revokes one of the channel's tokens; a token of another channel (or none) is `tokenNotFound`.
    func revokeChannelToken(_ id: MachineTokenID, channel: Int64, tenant: TenantID, revokedBy: String) async throws -> MachineTokenSummary
}
