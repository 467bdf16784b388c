/// The arguments of one kind of background job. Handlers are registered per payload type in a `JobRegistry`.
public protocol JobPayload: Codable, Sendable {
    /// Stable name stored with every job, e.g. `orders.pull`.
    static var kind: String { get }
    /// Attempts before the job is dead; each failed attempt waits longer (exponential backoff with jitter).
    static var maxAttempts: Int { get }
    /// Whether the job shows in the job tray with progress.
    static var isTracked: Bool { get }
}

extension JobPayload {
    public static var maxAttempts: Int { 10 }
    public static var isTracked: Bool { false }
}
