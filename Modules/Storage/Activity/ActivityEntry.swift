import Foundation
import Kernel

/// One line of a tenant's activity log.
public struct ActivityEntry: Sendable, Equatable, Codable {
    public let id: Int64
    public let occurredAt: Date
    public let actorType: String
    public let actorID: String?
    public let subjectType: String
    public let subjectID: String
    public let event: String
    /// Properties as JSON text.
    public let properties: String
}

/// What is about to be written to the activity log.
public struct NewActivity: Sendable, Equatable {
    public var actorType: String
    public var actorID: String?
    public var subjectType: String
    public var subjectID: String
    public var event: String
    public var properties: [String: String]
    /// Defaults to the transaction's time.
    public var occurredAt: Date?

    public init(
        actorType: String, actorID: String?, subjectType: String, subjectID: String, event: String,
        properties: [String: String] = [:], occurredAt: Date? = nil
    ) {
        self.actorType = actorType
        self.actorID = actorID
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.event = event
        self.properties = properties
        self.occurredAt = occurredAt
    }
}
