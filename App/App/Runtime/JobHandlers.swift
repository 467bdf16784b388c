import Integrations
import Inventory
import Orders
import Storage

/// Every job kind the contexts define, registered in one place. Contexts add their handlers here as they land.
public enum JobHandlers {
    public static func registry(integrations: IntegrationsService, inventory: InventoryService) -> JobRegistry {
        var registry = JobRegistry()
        IntegrationsJobHandlers.register(in: &registry, service: integrations)
        OrdersJobHandlers.register(in: &registry, integrations: integrations)
        InventoryJobHandlers.register(in: &registry, service: inventory)
        return registry
    }
}
