import IdentityContracts
import Kernel
import QueryLanguage

/// `Query.viewer`, `Query.tenant` and their types.
enum IdentityResolvers {
    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.object("viewer", ViewerView.self, arguments: NoArguments.self) { parents, _, context in
                let viewer = try self.viewer(context.context)
                return parents.map { _ in viewer }
            }
            query.object("tenant", TenantSummary.self, arguments: NoArguments.self) { parents, _, context in
                let tenant = try await self.tenant(context.context)
                return parents.map { _ in tenant }
            }
        }
        bindings.object("Viewer", ViewerView.self) { type in
            type.field("id") { .globalID("User", $0.user.id) }
            type.field("email") { .string($0.user.email) }
            type.field("name") { .string($0.user.name) }
            type.field("role") { .enumeration($0.role) }
            type.object("tenant", TenantSummary.self, arguments: NoArguments.self) { parents, _, context in
                let tenant = try await self.tenant(context.context)
                return parents.map { _ in tenant }
            }
        }
        bindings.object("Tenant", TenantSummary.self) { type in
            type.field("id") { .globalID("Tenant", $0.id) }
            type.field("name") { .string($0.name) }
            type.field("slug") { .string($0.slug) }
            type.field("createdAt") { .dateTime($0.createdAt) }
        }
    }

    static func viewer(_ context: QueryContext) throws -> ViewerView {
        guard case .user(let user, let tenant, let role) = context.principal else { throw IdentityError.roleTooLow(required: .viewer) }
        return ViewerView(user: user, role: role, tenant: tenant)
    }

    static func tenant(_ context: QueryContext) async throws -> TenantSummary {
        guard let tenant = try await context.identity.tenant(context.principal.tenant) else {
            throw IdentityError.tenantNotFound(context.principal.tenant.description)
        }
        return tenant
    }
}
