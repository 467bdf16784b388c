import Integrations
import Storage

/// Every job kind the contexts define, registered in one place. Contexts add their handlers here as they land.
enum JobHandlers {
    static func registry(integrations: IntegrationsService) -> JobRegistry {
        var registry = JobRegistry()
        IntegrationsJobHandlers.register(in: &registry, service: integrations)
        return registry
    }
}
