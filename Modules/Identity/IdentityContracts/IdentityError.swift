import Kernel

/// Why the Identity context refused a request.
public enum IdentityError: DomainError, Equatable {
    case invalidCredentials
    case tokenRevoked
    case notAMember(tenant: String)
    case missingScope(TokenScope)
    case roleTooLow(required: Role)
    case unknownScope(String)
    case invalidTokenName
    case invalidTenantSlug(String)
    case invalidEmail(String)
    case tenantNotFound(String)
    case tokenNotFound(MachineTokenID)
    case tokenAlreadyRevoked(MachineTokenID)
    case channelScopeNeedsChannel
    case scopeNotForChannel(TokenScope)

    public var kind: DomainErrorKind {
        switch self {
        case .invalidCredentials, .tokenRevoked: .unauthenticated
        case .notAMember, .missingScope, .roleTooLow: .forbidden
        case .unknownScope, .invalidTokenName, .invalidTenantSlug, .invalidEmail, .channelScopeNeedsChannel, .scopeNotForChannel: .invalidInput
        case .tenantNotFound, .tokenNotFound: .notFound
        case .tokenAlreadyRevoked: .conflict
        }
    }

    public var code: String {
        switch self {
        case .invalidCredentials: "invalid_credentials"
        case .tokenRevoked: "token_revoked"
        case .notAMember: "tenant_access_denied"
        case .missingScope: "insufficient_scope"
        case .roleTooLow: "insufficient_role"
        case .unknownScope: "unknown_scope"
        case .invalidTokenName: "invalid_token_name"
        case .invalidTenantSlug: "invalid_tenant_slug"
        case .invalidEmail: "invalid_email"
        case .tenantNotFound: "tenant_not_found"
        case .tokenNotFound: "token_not_found"
        case .tokenAlreadyRevoked: "token_already_revoked"
        case .channelScopeNeedsChannel: "channel_scope_needs_channel"
        case .scopeNotForChannel: "scope_not_for_channel"
        }
    }

    public var message: String {
        switch self {
        case .invalidCredentials: "The credentials are missing, malformed, expired or not recognised."
        case .tokenRevoked: "This API token has been revoked."
        case .notAMember(let tenant): "You are not a member of organisation \(tenant)."
        case .missingScope(let scope): "This token lacks the '\(scope.rawValue)' scope."
        case .roleTooLow(let role): "This needs the \(role.rawValue) role or higher."
        case .unknownScope(let scope):
            "'\(scope)' is not a scope; use one of \(TokenScope.allCases.map(\.rawValue).joined(separator: ", "))."
        case .invalidTokenName: "A token name is 1 to 100 characters, none of them control characters."
        case .invalidTenantSlug(let slug): "'\(slug)' is not a valid slug (2-63 characters: a-z, 0-9 and '-')."
        case .invalidEmail(let email): "'\(email)' is not an e-mail address."
        case .tenantNotFound(let tenant): "Organisation \(tenant) does not exist."
        case .tokenNotFound(let id): "Token \(id) does not exist."
        case .tokenAlreadyRevoked(let id): "Token \(id) is already revoked."
        case .channelScopeNeedsChannel: "Channel scopes belong to channel tokens, issued for one channel partner or integration instance."
        case .scopeNotForChannel(let scope): "A channel token holds only channel:read and channel:write, not '\(scope.rawValue)'."
        }
    }

    public var field: [String]? {
        switch self {
        case .unknownScope, .channelScopeNeedsChannel, .scopeNotForChannel: ["scopes"]
        case .invalidTokenName: ["name"]
        case .invalidTenantSlug: ["slug"]
        case .invalidEmail: ["email"]
        default: nil
        }
    }
}
