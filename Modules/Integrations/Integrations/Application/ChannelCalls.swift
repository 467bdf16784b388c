import Channels
import IntegrationsContracts
import Kernel
import Storage

extension IntegrationsService {
    /// The instance a job is about to call and its credentials. One deleted or disconnected since the job was queued has
    /// nothing to call, and retrying cannot help.
    func connectedInstance(_ id: IntegrationInstanceID, in transaction: Transaction) async throws -> (IntegrationInstance, ChannelCredentials) {
        guard let instance = try await InstanceStore.find(id, in: transaction), instance.status == .connected else {
            throw JobFailure.permanent("integration instance \(id) is no longer connected")
        }
        return (instance, try await self.storedCredentials(id, in: transaction))
    }

    /// The adapter that calls a stored instance's channel; `nil` for a provider Switchyard does not call (channel
    /// partners call Switchyard).
    func adapter(_ instance: IntegrationInstance, credentials: ChannelCredentials, tenant: TenantID) -> (any ChannelProvider)? {
        ChannelAdapters.adapter(for: instance.provider, context: self.channelContext(instance, credentials: credentials, tenant: tenant))
    }
}

extension ChannelCallError {
    /// What a job does after this failure: waits as long as the channel asked, retries with backoff while the channel
    /// is unavailable, or stops, since the same call would be refused again.
    var jobError: any Error {
        if case .throttled(let seconds) = self { return JobFailure.retryAfter(seconds: seconds, reason: self.message) }
        return self.isTransient ? self : JobFailure.permanent(self.message)
    }
}
