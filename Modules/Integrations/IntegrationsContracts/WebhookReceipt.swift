/// What the receiver answers a delivery, after it is durably recorded (or refused).
public struct WebhookReceipt: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        /// Recorded and queued for processing.
        case accepted
        /// The same delivery id was already recorded: acknowledged, not processed again.
        case duplicate
        /// A subscription handshake, answered and not recorded.
        case ping
    }

    public let outcome: Outcome
    public let eventID: InboundEventID?

    public init(outcome: Outcome, eventID: InboundEventID?) {
        self.outcome = outcome
        self.eventID = eventID
    }
}

/// A webhook delivery as the edge hands it over: which provider's receiver, the path after it, the exact body, headers.
public struct IncomingWebhook: Sendable {
    public let webhookKey: String
    public let endpoint: String
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]
    public let endpointURL: String

    public init(webhookKey: String, endpoint: String, headers: [(name: String, value: String)], body: [UInt8], endpointURL: String) {
        self.webhookKey = webhookKey
        self.endpoint = endpoint
        self.headers = headers
        self.body = body
        self.endpointURL = endpointURL
    }
}
