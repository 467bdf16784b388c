import Foundation
import Hummingbird
import IdentityContracts
import Kernel
import Storage

/// The admin REST surface (JWT + `orgid`): who am I, machine tokens, the job tray and the activity log.
struct AdminRoutes {
    let identity: any IdentityFacade
    let database: Database

    struct Viewer: Encodable {
        let user: UserSummary
        let tenant: TenantSummary?
        let role: Role
    }

    struct NewToken: Decodable {
        let name: String
        let scopes: [String]
    }

    struct IssuedToken: Encodable {
        let token: MachineTokenSummary
        /// Shown once; only its hash is stored.
        let secret: String
    }

    struct TokenList: Encodable {
        let items: [MachineTokenSummary]
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("viewer") { _, context in
            guard case .user(let user, let tenant, let role) = context.principal else { throw IdentityError.roleTooLow(required: .viewer) }
            return try Response.json(Viewer(user: user, tenant: try await self.identity.tenant(tenant), role: role))
        }
        group.get("tokens") { _, context in
            try context.requireRole(.admin)
            return try Response.json(TokenList(items: try await self.identity.tokens(tenant: context.principal.tenant)))
        }
        group.post("tokens") { request, context in
            try context.requireRole(.admin)
            let input = try await request.decodeJSON(NewToken.self)
            let issued = try await self.identity.issueToken(
                tenant: context.principal.tenant, name: input.name, scopes: input.scopes, createdBy: context.actorName)
            return try Response.json(IssuedToken(token: issued.token, secret: issued.secret), status: .created)
        }
        group.delete("tokens/{id}") { _, context in
            try context.requireRole(.admin)
            let id = try Self.uuidParameter("id", context)
            _ = try await self.identity.revokeToken(MachineTokenID(id), tenant: context.principal.tenant, revokedBy: context.actorName)
            return Response(status: .noContent)
        }
        group.get("jobs") { request, context in
            let page = try request.pageRequest()
            let jobs = try await self.database.withTenant(context.principal.tenant) { try await JobQueue.tray(page: page, in: $0) }
            return try Response.json(PageResponse(jobs) { $0 })
        }
        group.get("jobs/{id}") { _, context in
            let id = try Self.jobParameter(context)
            guard let job = try await self.database.withTenant(context.principal.tenant, { try await JobQueue.find(id, in: $0) }) else {
                throw JobQueueError.notFound(id)
            }
            return try Response.json(job)
        }
        group.post("jobs/{id}/retry") { _, context in
            try context.requireRole(.staff)
            let id = try Self.jobParameter(context)
            return try Response.json(try await JobTray(database: self.database).retry(id, by: context.principal))
        }
        group.post("jobs/{id}/cancel") { _, context in
            try context.requireRole(.staff)
            let id = try Self.jobParameter(context)
            return try Response.json(try await JobTray(database: self.database).cancel(id, by: context.principal))
        }
        group.get("activity") { request, context in
            let page = try request.pageRequest()
            let query = request.uri.queryParameters
            let entries = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await ActivityLog.list(
                    filter: ActivityFilter(
                        subjectType: query["subject_type"].map { StringFilter(eq: String($0)) },
                        subjectId: query["subject_id"].map { StringFilter(eq: String($0)) }),
                    page: page, in: transaction)
            }
            return try Response.json(PageResponse(entries) { $0 })
        }
    }

    private static func uuidParameter(_ name: String, _ context: AuthenticatedContext) throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else {
            throw APIError.invalidParameter(name: name, reason: "must be a UUID.")
        }
        return id
    }

    private static func jobParameter(_ context: AuthenticatedContext) throws -> JobID {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw APIError.invalidParameter(name: "id", reason: "must be a job id (a positive whole number).")
        }
        return JobID(id)
    }
}
