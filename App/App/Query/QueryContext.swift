import CatalogContracts
import IdentityContracts
import IntegrationsContracts
import InventoryContracts
import Kernel
import OrdersContracts
import Storage

/// What every resolver of an admin query sees: the caller and the services it may use.
struct QueryContext: Sendable {
    let principal: Principal
    let database: Database
    let identity: any IdentityFacade
    let integrations: any IntegrationsFacade
    let orders: any OrdersFacade
    let inventory: any InventoryFacade
    let catalog: any CatalogFacade

    /// Runs `body` in a transaction scoped to the caller's tenant.
    func read<Result: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> Result) async throws -> Result {
        try await self.database.withTenant(self.principal.tenant, body)
    }

    /// Runs a mutation's change for a caller with at least `role`: a refused role or a domain error (a bad argument
    /// included) comes back as user errors — `present`'s where given, else one naming `field` when the error names
    /// none; anything else propagates as the field's error.
    func attempt<Result: Sendable>(
        role: Role, field: [String]? = nil, present: ((any DomainError) -> [UserErrorView]?)? = nil, _ change: () async throws -> Result
    ) async throws -> (Result?, [UserErrorView]) {
        do {
            try self.principal.requireRole(role)
            return (try await change(), [])
        } catch let error as any DomainError {
            return (nil, present?(error) ?? [UserErrorView(error, field: field)])
        }
    }
}
