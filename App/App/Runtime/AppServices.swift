import CatalogContracts
import IdentityContracts
import IntegrationsContracts
import InventoryContracts
import Kernel
import OrdersContracts
import Storage

/// The implementations the HTTP edge is wired to. Built once per process (or per test).
public struct AppServices: Sendable {
    public let database: Database
    public let identity: any IdentityFacade
    public let integrations: any IntegrationsFacade
    public let orders: any OrdersFacade
    public let inventory: any InventoryFacade
    public let catalog: any CatalogFacade
    public let adminTokens: AdminTokens
    public let clock: any WallClock
    /// The job handlers workers of this process run (tests that run no workers leave it empty).
    public let jobs: JobRegistry

    public init(
        database: Database, identity: any IdentityFacade, integrations: any IntegrationsFacade, orders: any OrdersFacade,
        inventory: any InventoryFacade, catalog: any CatalogFacade, adminTokens: AdminTokens, clock: any WallClock, jobs: JobRegistry = JobRegistry()
    ) {
        self.database = database
        self.identity = identity
        self.integrations = integrations
        self.orders = orders
        self.inventory = inventory
        self.catalog = catalog
        self.adminTokens = adminTokens
        self.clock = clock
        self.jobs = jobs
    }
}
