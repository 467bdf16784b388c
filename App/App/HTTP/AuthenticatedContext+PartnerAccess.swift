import Hummingbird
import IdentityContracts
import IntegrationsContracts
import Kernel

/// What a channel partner API route does to the instance it names.
enum PartnerAccess {
    /// Reads: users with any role; channel tokens with `channel:read`.
    case read
    /// Changes to the channel's data: staff and above; channel tokens with `channel:write`.
    case operate
    /// Managing the partner itself (settings, deletion, tokens, clearing its log): admins and owners only.
    case administer

    var role: Role {
        switch self {
        case .read: .viewer
        case .operate: .staff
        case .administer: .admin
        }
    }
}

/// The one place deciding which instance a caller of the channel partner API may act on and how: every partner route
/// names its instance in the path and is handed it only after `authorize` (see `PartnerRoutes.route`).
extension AuthenticatedContext {
    /// The instance a channel token is bound to; `nil` for signed-in users and other machine tokens.
    var channelInstance: IntegrationInstanceID? {
        guard case .machine(let token) = self.principal, let channel = token.channelInstanceID else { return nil }
        return IntegrationInstanceID(channel)
    }

    /// The instance named by the path's `{id}`, once the caller may `access` it. A channel token naming any instance but
    /// its own is told the instance does not exist, so it learns nothing about the tenant's other channels; a machine
    /// token that is not a channel token is refused outright.
    func authorize(_ access: PartnerAccess) throws -> IntegrationInstanceID {
        guard let text = self.parameters.get("id"), let raw = Int64(text), raw > 0 else {
            throw APIError.invalidParameter(name: "id", reason: "must be an integration instance id.")
        }
        let id = IntegrationInstanceID(raw)
        switch self.principal {
        case .user:
            try self.principal.requireRole(access.role)
        case .machine(let token):
            guard let channel = token.channelInstanceID else { throw IdentityError.missingScope(.channelRead) }
            guard channel == raw else { throw IntegrationsError.instanceNotFound(id) }
            switch access {
            case .read: try self.principal.requireScope(.channelRead)
            case .operate: try self.principal.requireScope(.channelWrite)
            case .administer: throw IdentityError.roleTooLow(required: .admin)
            }
        }
        return id
    }
}
