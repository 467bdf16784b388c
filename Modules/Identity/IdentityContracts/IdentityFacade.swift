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
}
