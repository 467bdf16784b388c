import Kernel

/// Why the Integrations context refused a request.
public enum IntegrationsError: DomainError, Equatable {
    case invalidName
    case duplicateName(String)
    case invalidCode(String)
    case duplicateCode(String)
    case invalidBaseURL(String)
    case invalidSettings(field: String)
    case missingCredentials(provider: Provider, names: [String])
    case unknownCredentials(provider: Provider, names: [String])
    case invalidPollInterval(Int)
    case invalidSetupStep(String)
    case instanceNotFound(IntegrationInstanceID)
    case instanceDisconnected(IntegrationInstanceID)
    /// Created without the credentials a seller's consent grants, and not yet authorized.
    case instancePending(IntegrationInstanceID)
    /// The provider's sellers connect with credentials alone (Walmart, Magento, partners).
    case authorizationNotSupported(Provider)
    /// A consent's callback whose state is unknown, spent, lapsed or another provider's.
    case authorizationStateInvalid
    /// A consent's callback that failed on our side (the database, not the provider); the state is spent.
    case authorizationInterrupted
    case eventNotFound(InboundEventID)
    case eventNotReprocessable(InboundEventID, InboundEventStatus, InboundEventSource)
    case invalidLimit(Int)
    case credentialsUnreadable
    case webhookEndpointUnknown

    public var kind: DomainErrorKind {
        switch self {
        case .invalidName, .invalidCode, .invalidBaseURL, .invalidSettings, .missingCredentials, .unknownCredentials, .invalidPollInterval,
            .invalidLimit,
            .invalidSetupStep, .authorizationNotSupported:
            .invalidInput
        case .duplicateName, .duplicateCode: .conflict
        case .instanceNotFound, .eventNotFound, .webhookEndpointUnknown: .notFound
        case .instanceDisconnected, .instancePending, .eventNotReprocessable, .authorizationStateInvalid: .ruleViolated
        case .credentialsUnreadable, .authorizationInterrupted: .unavailable
        }
    }

    public var code: String {
        switch self {
        case .invalidName: "invalid_name"
        case .duplicateName: "duplicate_name"
        case .invalidCode: "invalid_code"
        case .duplicateCode: "duplicate_code"
        case .invalidBaseURL: "invalid_base_url"
        case .invalidSettings: "invalid_settings"
        case .missingCredentials: "missing_credentials"
        case .unknownCredentials: "unknown_credentials"
        case .invalidPollInterval: "invalid_poll_interval"
        case .invalidSetupStep: "invalid_setup_step"
        case .instanceNotFound: "instance_not_found"
        case .instanceDisconnected: "instance_disconnected"
        case .instancePending: "instance_pending"
        case .authorizationNotSupported: "authorization_not_supported"
        case .authorizationStateInvalid: "invalid_state"
        case .authorizationInterrupted: "authorization_interrupted"
        case .eventNotFound: "event_not_found"
        case .eventNotReprocessable: "event_not_reprocessable"
        case .invalidLimit: "invalid_limit"
        case .credentialsUnreadable: "credentials_unreadable"
        case .webhookEndpointUnknown: "webhook_endpoint_unknown"
        }
    }

    public var message: String {
        switch self {
        case .invalidName: "A name is 1 to 200 characters, none of them control characters."
        case .duplicateName(let name): "Another integration is already named '\(name)'."
        case .invalidCode(let code): "'\(code.prefix(80))' is not a channel code: 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit."
        case .duplicateCode(let code): "Another integration already has the channel code '\(code)'."
        case .invalidBaseURL(let url): "'\(url.prefix(200))' is not an http(s) URL."
        case .invalidSettings(let field): "\(field) must be a JSON object."
        case .missingCredentials(let provider, let names):
            "A \(provider.rawValue) integration needs the credentials \(names.joined(separator: ", "))."
        case .unknownCredentials(let provider, let names):
            "\(names.joined(separator: ", ")) \(names.count == 1 ? "is not a credential" : "are not credentials") of \(provider.rawValue)."
        case .invalidPollInterval(let minutes): "pollIntervalMinutes must be between 1 and 1440, not \(minutes)."
        case .invalidSetupStep(let step): "'\(step.prefix(60))' is not a setup step: 1 to 50 of a-z, 0-9, '_' and '-'."
        case .instanceNotFound(let id): "Integration \(id) does not exist."
        case .instanceDisconnected(let id): "Integration \(id) is disconnected; connect it again first."
        case .instancePending(let id): "Integration \(id) is waiting for the seller's consent; authorize it first."
        case .authorizationNotSupported(let provider):
            "A \(provider.rawValue) integration connects with its credentials alone; there is no consent to authorize."
        case .authorizationStateInvalid:
            "This consent's state is unknown, already used or older than 15 minutes; start the authorization again."
        case .authorizationInterrupted: "The consent could not be completed on our side; start the authorization again."
        case .eventNotFound(let id): "Inbound event \(id) does not exist."
        case .eventNotReprocessable(let id, let status, let source):
            if source == .partnerAPI {
                "Inbound event \(id) is a partner API call, answered when it was made; the partner repeats the call instead."
            } else if status == .completed {
                "Inbound event \(id) has already been processed."
            } else {
                "Inbound event \(id) is \(status.rawValue); only failed events are reprocessed."
            }
        case .invalidLimit(let limit): "limit must be between 1 and 500, not \(limit)."
        case .credentialsUnreadable: "The stored credentials cannot be decrypted with the configured key."
        case .webhookEndpointUnknown: "No integration receives webhooks at this address."
        }
    }

    public var field: [String]? {
        switch self {
        case .invalidName, .duplicateName: ["name"]
        case .invalidCode, .duplicateCode: ["code"]
        case .invalidBaseURL: ["apiBaseUrl"]
        case .invalidSettings(let field): [field]
        case .missingCredentials, .unknownCredentials: ["credentials"]
        case .invalidPollInterval: ["pollIntervalMinutes"]
        case .invalidSetupStep: ["step"]
        case .invalidLimit: ["limit"]
        default: nil
        }
    }
}
