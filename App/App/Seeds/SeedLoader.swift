import IdentityContracts
import Kernel

/// Applies a seed file through the contexts' facades; running it twice changes nothing.
public struct SeedLoader: Sendable {
    let identity: any IdentityFacade

    public init(identity: any IdentityFacade) {
        self.identity = identity
    }

    public func apply(_ seed: SeedFile) async throws -> TenantSummary {
        let tenant = try await self.identity.ensureTenant(id: seed.tenant.id, name: seed.tenant.name, slug: seed.tenant.slug)
        for user in seed.users {
            let stored = try await self.identity.ensureUser(id: user.id, email: user.email, name: user.name)
            try await self.identity.setMembership(tenant: tenant.id, user: stored.id, role: user.role)
        }
        return tenant
    }
}
