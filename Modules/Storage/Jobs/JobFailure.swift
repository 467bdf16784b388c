import Kernel

/// Errors a job handler throws to steer what happens next; any other error is retried with backoff.
public enum JobFailure: Error, Sendable, Equatable {
    /// Try again no sooner than this many seconds (e.g. a provider's `Retry-After`).
    case retryAfter(seconds: Double, reason: String)
    /// Retrying cannot help: the job goes straight to `dead`.
    case permanent(String)
}

extension JobFailure {
    /// The sentence a failed attempt leaves behind: a `JobFailure`'s reason, a domain error's message, else the error's
    /// description.
    public static func reason(of error: any Error) -> String {
        switch error {
        case JobFailure.permanent(let reason), JobFailure.retryAfter(_, let reason): reason
        case let error as any DomainError: error.message
        default: String(describing: error)
        }
    }
}
