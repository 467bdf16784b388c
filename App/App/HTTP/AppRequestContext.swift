import Hummingbird
import IdentityContracts
import Logging

/// The context every request starts with. Authentication middleware fills `principal`;
/// routes that need one use `AuthenticatedContext`, which cannot exist without it.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?
    /// The id echoed in `X-Request-Id`, in logs and in error bodies.
    public var requestID: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
        self.requestID = ""
    }
}

/// A request whose caller has been authenticated for one tenant.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let principal: Principal
    public let requestID: String

    public init(context: AppRequestContext) throws {
        guard let principal = context.principal else { throw IdentityError.invalidCredentials }
        self.coreContext = context.coreContext
        self.principal = principal
        self.requestID = context.requestID
    }

    /// Passes for signed-in users with at least `role`; machine tokens are refused.
    public func requireRole(_ role: Role) throws(IdentityError) {
        try self.principal.requireRole(role)
    }

    /// Passes for machine tokens holding `scope`; users are refused.
    public func requireScope(_ scope: TokenScope) throws(IdentityError) {
        try self.principal.requireScope(scope)
    }

    public var actorName: String { self.principal.actorName }
}

extension Principal {
    /// Passes for signed-in users with at least `role`; machine tokens are refused.
    func requireRole(_ role: Role) throws(IdentityError) {
        guard case .user(_, _, let actual) = self, actual >= role else { throw .roleTooLow(required: role) }
    }

    /// Passes for machine tokens holding `scope`; users are refused.
    func requireScope(_ scope: TokenScope) throws(IdentityError) {
        guard case .machine(let token) = self, token.scopes.contains(where: { $0.grants(scope) }) else { throw .missingScope(scope) }
    }

    /// `"user:<id>"` or `"machine_token:<id>"`, for audit columns.
    var actorName: String { "\(self.actor.type):\(self.actor.id)" }
}
