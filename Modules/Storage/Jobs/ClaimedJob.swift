import Kernel

/// A job a worker holds the lease on.
public struct ClaimedJob: Sendable, Equatable {
    public let id: JobID
    public let tenantID: TenantID
    public let kind: String
    public let payload: String
    /// 1 on the first run.
    public let attempt: Int
    public let maxAttempts: Int
}
