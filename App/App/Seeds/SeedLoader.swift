import CatalogContracts
import Foundation
import IdentityContracts
import InventoryContracts
import Kernel

/// Applies a seed file through the contexts' facades; running it twice changes nothing.
public struct SeedLoader: Sendable {
    let identity: any IdentityFacade
    let inventory: any InventoryFacade
    let catalog: any CatalogFacade

    public init(identity: any IdentityFacade, inventory: any InventoryFacade, catalog: any CatalogFacade) {
        self.identity = identity
        self.inventory = inventory
        self.catalog = catalog
    }

    public func apply(_ seed: SeedFile) async throws -> TenantSummary {
        let tenant = try await self.identity.ensureTenant(id: seed.tenant.id, name: seed.tenant.name, slug: seed.tenant.slug)
        for user in seed.users {
            let stored = try await self.identity.ensureUser(id: user.id, email: user.email, name: user.name)
            try await self.identity.setMembership(tenant: tenant.id, user: stored.id, role: user.role)
        }
        for product in seed.products ?? [] {
            _ = try await self.catalog.saveProduct(
                ProductInput(
                    sku: product.sku, name: product.name, barcode: product.barcode, lowStockThreshold: product.lowStockThreshold,
                    unitCost: product.unitCost.flatMap { Decimal(string: $0) }),
                tenant: tenant.id)
        }
        for warehouse in seed.warehouses ?? [] {
            _ = try await self.inventory.saveWarehouse(
                WarehouseInput(code: warehouse.code, name: warehouse.name, priority: warehouse.priority), tenant: tenant.id)
        }
        if let stock = seed.inventory, !stock.isEmpty {
            _ = try await self.inventory.setQuantities(
                stock.map { StockChange(sku: $0.sku, quantity: $0.quantity, warehouse: $0.warehouse, reason: "seed") },
                by: StockActor(name: "seed", source: .seed), tenant: tenant.id)
        }
        return tenant
    }
}
