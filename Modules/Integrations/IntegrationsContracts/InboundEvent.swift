import Foundation
import Kernel

/// One webhook delivery or partner API call as it was received and answered (secret headers redacted).
public struct InboundEvent: Sendable, Equatable {
    public let id: InboundEventID
    public let instanceID: IntegrationInstanceID
    public let source: InboundEventSource
    public let endpoint: String
    public let deliveryID: String?
    public let topic: String?
    /// Whether the signature (or token) checked out; refused deliveries are kept for inspection and never processed.
    public let verified: Bool
    /// JSON object text of the request headers, secrets redacted.
    public let requestHeaders: String
    public let requestBody: String
    public let responseStatus: Int
    public let responseBody: String?
    public let status: InboundEventStatus
    public let error: String?
    public let attempts: Int
    /// What processing read from the body: the kind of record and its remote id and status.
    public let resource: String?
    public let remoteID: String?
    public let remoteStatus: String?
    public let receivedAt: Date
    public let processedAt: Date?

    public init(
        id: InboundEventID, instanceID: IntegrationInstanceID, source: InboundEventSource, endpoint: String, deliveryID: String?,
        topic: String?, verified: Bool, requestHeaders: String, requestBody: String, responseStatus: Int, responseBody: String?,
        status: InboundEventStatus, error: String?, attempts: Int, resource: String?, remoteID: String?, remoteStatus: String?,
        receivedAt: Date, processedAt: Date?
    ) {
        self.id = id
        self.instanceID = instanceID
        self.source = source
        self.endpoint = endpoint
        self.deliveryID = deliveryID
        self.topic = topic
        self.verified = verified
        self.requestHeaders = requestHeaders
        self.requestBody = requestBody
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.status = status
        self.error = error
        self.attempts = attempts
        self.resource = resource
        self.remoteID = remoteID
        self.remoteStatus = remoteStatus
        self.receivedAt = receivedAt
        self.processedAt = processedAt
    }
}

/// Counts by status and the distinct endpoints seen, for one instance or all.
public struct InboundEventStats: Sendable, Equatable {
    public let total: Int
    public let byStatus: [InboundEventStatus: Int]
    public let endpoints: [String]

    public init(total: Int, byStatus: [InboundEventStatus: Int], endpoints: [String]) {
        self.total = total
        self.byStatus = byStatus
        self.endpoints = endpoints
    }
}
