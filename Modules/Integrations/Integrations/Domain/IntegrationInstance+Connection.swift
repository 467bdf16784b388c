import IntegrationsContracts

extension IntegrationInstance {
    /// Refuses work that needs the channel (pulls, enabling sync) unless the instance is connected.
    func requireConnected() throws(IntegrationsError) {
        switch self.status {
        case .connected: return
        case .pending: throw .instancePending(self.id)
        case .disconnected: throw .instanceDisconnected(self.id)
        }
    }
}
