import Channels
import Foundation
import IdentityContracts
import IntegrationsContracts
import Kernel

/// The channel partner API's answers (snake_case on the wire; settings and headers embedded as JSON, keys as stored).
enum PartnerViews {
    struct Partner: Encodable {
        let id: Int64
        let name: String
        let provider: String
        let status: String
        let integrationSettings: JSONValue
        let connectionSettings: JSONValue
        let credentialNames: [String]
        let createdAt: Date
        let updatedAt: Date
        let disconnectedAt: Date?

        init(_ instance: IntegrationInstance) {
            self.id = instance.id.rawValue
            self.name = instance.name
            self.provider = instance.provider.rawValue
            self.status = instance.status.rawValue
            self.integrationSettings = PartnerViews.document(instance.integrationSettings)
            self.connectionSettings = PartnerViews.document(instance.connectionSettings)
            self.credentialNames = instance.credentialNames
            self.createdAt = instance.createdAt
            self.updatedAt = instance.updatedAt
            self.disconnectedAt = instance.disconnectedAt
        }
    }

    /// An event in a list: what happened, without the bodies.
    struct EventSummary: Encodable {
        let id: Int64
        let instanceId: Int64
        let source: String
        let endpoint: String
        let deliveryId: String?
        let topic: String?
        let verified: Bool
        let status: String
        let responseStatus: Int
        let error: String?
        let attempts: Int
        let resource: String?
        let remoteId: String?
        let receivedAt: Date
        let processedAt: Date?

        init(_ event: InboundEvent) {
            self.id = event.id.rawValue
            self.instanceId = event.instanceID.rawValue
            self.source = event.source.rawValue
            self.endpoint = event.endpoint
            self.deliveryId = event.deliveryID
            self.topic = event.topic
            self.verified = event.verified
            self.status = event.status.rawValue
            self.responseStatus = event.responseStatus
            self.error = event.error
            self.attempts = event.attempts
            self.resource = event.resource
            self.remoteId = event.remoteID
            self.receivedAt = event.receivedAt
            self.processedAt = event.processedAt
        }
    }

    /// One event in full: the request and the answer as they were (secret headers redacted).
    struct Event: Encodable {
        let event: EventSummary
        let requestHeaders: JSONValue
        let requestBody: String
        let responseBody: String?

        init(_ event: InboundEvent) {
            self.event = EventSummary(event)
            self.requestHeaders = PartnerViews.document(event.requestHeaders)
            self.requestBody = event.requestBody
            self.responseBody = event.responseBody
        }
    }

    struct Stats: Encodable {
        let total: Int
        let byStatus: [String: Int]
        let endpoints: [String]

        init(_ stats: InboundEventStats) {
            self.total = stats.total
            self.byStatus = Dictionary(uniqueKeysWithValues: InboundEventStatus.allCases.map { ($0.rawValue, stats.byStatus[$0] ?? 0) })
            self.endpoints = stats.endpoints
        }
    }

    struct TokenUse: Encodable {
        let active: Int
        let lastUsedAt: Date?
    }

    struct Dashboard: Encodable {
        let partner: Partner
        let events: Stats
        let lastEventAt: Date?
        let tokens: TokenUse
        let recentEvents: [EventSummary]
    }

    struct Tokens: Encodable {
        let items: [MachineTokenSummary]
    }

    /// A token as issued: `plain_text_token` is shown this once; only its hash is kept.
    struct IssuedToken: Encodable {
        let token: MachineTokenSummary
        let plainTextToken: String
    }

    struct Deleted: Encodable {
        let deleted: Int
    }

    /// A stored JSON text as a document (stored text is always valid JSON; anything else shows as null).
    static func document(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .null
    }
}
