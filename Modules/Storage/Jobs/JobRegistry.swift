import Foundation

/// The handlers a worker can run, by job kind.
public struct JobRegistry: Sendable {
    struct Handler: Sendable {
        let retryPolicy: RetryPolicy
        let timeoutSeconds: Double
        let run: @Sendable (String, JobContext) async throws -> JobResult
    }

    private(set) var handlers: [String: Handler] = [:]

    public init() {}

    /// Registers the handler for `Payload.kind`; registering a kind twice is a programming error.
    public mutating func register<Payload: JobPayload>(
        _ type: Payload.Type,
        retryPolicy: RetryPolicy = .standard,
        timeoutSeconds: Double = 900,
        handler: @escaping @Sendable (Payload, JobContext) async throws -> JobResult
    ) {
        precondition(self.handlers[Payload.kind] == nil, "a handler for job kind '\(Payload.kind)' is already registered")
        self.handlers[Payload.kind] = Handler(retryPolicy: retryPolicy, timeoutSeconds: timeoutSeconds) { json, context in
            let payload: Payload
            do {
                payload = try JSONDecoder().decode(Payload.self, from: Data(json.utf8))
            } catch {
                throw JobFailure.permanent("payload does not decode as \(Payload.self): \(error)")
            }
            return try await handler(payload, context)
        }
    }

    public var kinds: [String] { self.handlers.keys.sorted() }
}
