import Foundation
import Kernel

public struct TenantSummary: Sendable, Equatable, Codable {
    public let id: TenantID
    public let name: String
    public let slug: String
    public let createdAt: Date

    public init(id: TenantID, name: String, slug: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.slug = slug
        self.createdAt = createdAt
    }
}

public struct UserSummary: Sendable, Equatable, Codable {
    public let id: UserID
    public let email: String
    public let name: String

    public init(id: UserID, email: String, name: String) {
        self.id = id
        self.email = email
        self.name = name
    }
}

/// A machine token as listings show it: never the secret.
public struct MachineTokenSummary: Sendable, Equatable, Codable {
    public let id: MachineTokenID
    public let tenantID: TenantID
    public let name: String
    /// The first characters of the secret, so a person can tell tokens apart.
    public let displayPrefix: String
    public let scopes: [TokenScope]
    public let createdBy: String
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let revokedAt: Date?
    /// The integration instance a channel token is bound to: the only channel whose data it sees.
    public let channelInstanceID: Int64?

    public init(
        id: MachineTokenID, tenantID: TenantID, name: String, displayPrefix: String, scopes: [TokenScope], createdBy: String,
        createdAt: Date, lastUsedAt: Date?, revokedAt: Date?, channelInstanceID: Int64? = nil
    ) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.displayPrefix = displayPrefix
        self.scopes = scopes
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
        self.channelInstanceID = channelInstanceID
    }
}

/// A newly issued token: the only time its secret is ever available.
public struct IssuedMachineToken: Sendable, Equatable {
    public let token: MachineTokenSummary
    public let secret: String

    public init(token: MachineTokenSummary, secret: String) {
        self.token = token
        self.secret = secret
    }
}

/// Who is calling, once authenticated.
public enum Principal: Sendable, Equatable {
    case user(UserSummary, tenant: TenantID, role: Role)
    case machine(MachineTokenSummary)

    public var tenant: TenantID {
        switch self {
        case .user(_, let tenant, _): tenant
        case .machine(let token): token.tenantID
        }
    }

    /// How the activity log names this caller.
    public var actor: (type: String, id: String) {
        switch self {
        case .user(let user, _, _): ("user", user.id.description)
        case .machine(let token): ("machine_token", token.id.description)
        }
    }
}
