/// Errors a job handler throws to steer what happens next; any other error is retried with backoff.
public enum JobFailure: Error, Sendable, Equatable {
    /// Try again no sooner than this many seconds (e.g. a provider's `Retry-After`).
    case retryAfter(seconds: Double, reason: String)
    /// Retrying cannot help: the job goes straight to `dead`.
    case permanent(String)
}
