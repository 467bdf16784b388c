import Integrations
import Orders
import Storage

/// Every job kind the contexts define, registered in one place. Contexts add their handlers here as they land.
public enum JobHandlers {
    public static func registry(integrations: IntegrationsService) -> JobRegistry {
        var registry = JobRegistry()
        IntegrationsJobHandlers.register(in: &registry, service: integrations)
        OrdersJobHandlers.register(in: &registry, integrations: integrations)
        return registry
    }
}
