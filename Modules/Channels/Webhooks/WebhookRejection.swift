import Kernel

/// Why a webhook delivery was refused. Every case answers 401 except a malformed body (400); nothing is processed.
public enum WebhookRejection: DomainError, Equatable {
    case missingSignature(header: String)
    case signatureMismatch
    case staleTimestamp
    case unknownSigningKey(String)
    case malformed(String)
    case notConfigured(credential: String)
    case unsupported(Provider)

    public var kind: DomainErrorKind {
        switch self {
        case .missingSignature, .signatureMismatch, .staleTimestamp, .unknownSigningKey, .notConfigured: .unauthenticated
        case .malformed: .invalidInput
        case .unsupported: .notFound
        }
    }

    public var code: String {
        switch self {
        case .missingSignature: "webhook_signature_missing"
        case .signatureMismatch: "webhook_signature_mismatch"
        case .staleTimestamp: "webhook_timestamp_stale"
        case .unknownSigningKey: "webhook_signing_key_unknown"
        case .malformed: "webhook_malformed"
        case .notConfigured: "webhook_secret_not_configured"
        case .unsupported: "webhook_provider_unsupported"
        }
    }

    public var message: String {
        switch self {
        case .missingSignature(let header): "The delivery carries no \(header) signature."
        case .signatureMismatch: "The delivery's signature does not match its body."
        case .staleTimestamp: "The delivery's timestamp is more than 5 minutes from now."
        case .unknownSigningKey(let kid): "The provider's signing key \(kid) could not be obtained."
        case .malformed(let why): "The delivery could not be read: \(why)."
        case .notConfigured(let credential): "This channel has no '\(credential)' credential, so its deliveries cannot be verified."
        case .unsupported(let provider): "\(provider.rawValue) does not deliver webhooks."
        }
    }
}
