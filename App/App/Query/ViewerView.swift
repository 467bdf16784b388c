import IdentityContracts
import Kernel

/// The signed-in user in the current tenant, as `Query.viewer` returns it.
struct ViewerView: Sendable {
    let user: UserSummary
    let role: Role
    let tenant: TenantID
}
