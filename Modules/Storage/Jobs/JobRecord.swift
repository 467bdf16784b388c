import Foundation
import Kernel

public typealias JobID = Identifier<JobRecord, Int64>

/// Where a job is in its life.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case pending
    case running
    case succeeded
    case dead
    case cancelled
}

/// A job as the job tray and admins see it.
public struct JobRecord: Sendable, Equatable, Codable {
    public let id: JobID
    public let tenantID: TenantID
    public let kind: String
    public let state: JobState
    /// The payload as JSON text.
    public let payload: String
    public let attempts: Int
    public let maxAttempts: Int
    public let runAt: Date
    public let uniqueKey: String?
    public let tracked: Bool
    public let progressPercent: Int?
    public let progressMessage: String?
    /// What the handler returned, as JSON text.
    public let result: String?
    public let lastError: String?
    public let createdAt: Date
    public let updatedAt: Date
    public let finishedAt: Date?
}

/// The outcome of an enqueue: the job's id, and whether a pending job with the same unique key already existed.
public struct EnqueuedJob: Sendable, Equatable {
    public let id: JobID
    public let alreadyPending: Bool
}
