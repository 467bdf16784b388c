import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Storage

/// Runs the Integrations context's jobs.
public enum IntegrationsJobHandlers {
    public static func register(in registry: inout JobRegistry, service: IntegrationsService) {
        registry.register(PullInstanceRecords.self) { payload, context in
            guard
                let run = try await service.pull(
                    IntegrationInstanceID(payload.instanceID), payload.resource, trigger: payload.trigger, context: context)
            else {
                // A webhook's change may have come after the running walk passed it: look again once that walk is done.
                if payload.trigger == .webhook { throw JobFailure.retryAfter(seconds: 30, reason: "another pull of this kind is under way") }
                return try JobResult(["skipped": "another pull of this kind is under way"])
            }
            return try JobResult(["syncRunId": run.id.rawValue, "fetched": Int64(run.fetched), "stored": Int64(run.stored)])
        }
        registry.register(RefreshCarrierCodes.self) { payload, context in
            try JobResult(["carrierCodes": try await service.refreshCarrierCodes(IntegrationInstanceID(payload.instanceID), tenant: context.tenant)])
        }
        registry.register(ProcessInboundEvent.self) { payload, context in
            try await self.process(InboundEventID(payload.eventID), context: context)
            return .none
        }
        registry.register(PurgeDeletedInstance.self) { payload, context in
            let removed = try await context.database.withTenant(context.tenant) { transaction in
                try await InboundEventStore.deleteAll(instance: IntegrationInstanceID(payload.instanceID), in: transaction)
            }
            return try JobResult(["inboundEventsRemoved": removed])
        }
    }

    /// Parses the delivery with its provider's adapter, records what it announces, and queues a pull of that kind of
    /// record for a connected instance (one already queued absorbs it), so webhooks and polling store through the same
    /// walk. A body that does not parse fails the event (it can be reprocessed after a fix); the job itself succeeds,
    /// since running it again would not help.
    static func process(_ id: InboundEventID, context: JobContext) async throws {
        try await context.database.withTenant(context.tenant) { transaction in
            guard let claimed = try await InboundEventStore.claim(id, in: transaction) else { return }
            guard let adapter = ChannelAdapters.type(for: claimed.provider) else {
                try await InboundEventStore.finish(
                    id, status: .failed, error: "\(claimed.provider.rawValue) has no webhook parser", resource: nil, remoteID: nil, remoteStatus: nil,
                    in: transaction)
                return
            }
            do {
                let event = try adapter.parseWebhook(topic: claimed.topic, body: claimed.body)
                try await InboundEventStore.finish(
                    id, status: .completed, error: nil, resource: event.resource.rawValue, remoteID: event.remoteID, remoteStatus: event.remoteStatus,
                    in: transaction)
                if claimed.connected, let resource = event.resource.pulled {
                    try await PullInstanceRecords.enqueue(claimed.instance, resource, trigger: .webhook, in: transaction)
                }
            } catch let rejection as WebhookRejection {
                try await InboundEventStore.finish(
                    id, status: .failed, error: rejection.message, resource: nil, remoteID: nil, remoteStatus: nil, in: transaction)
            }
        }
    }
}
