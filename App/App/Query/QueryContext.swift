import IdentityContracts
import IntegrationsContracts
import Kernel
import Storage

/// What every resolver of an admin query sees: the caller and the services it may use.
struct QueryContext: Sendable {
    let principal: Principal
    let database: Database
    let identity: any IdentityFacade
    let integrations: any IntegrationsFacade

    /// Runs `body` in a transaction scoped to the caller's tenant.
    func read<Result: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> Result) async throws -> Result {
        try await self.database.withTenant(self.principal.tenant, body)
    }
}
