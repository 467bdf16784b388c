import Foundation
import Hummingbird
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import Storage

/// The sales-channel surface of seed `002_…` for the admin frontend (JWT + `orgid`): `GET /sales-channel/sync/history`.
struct SalesChannelRoutes {
    let database: Database

    /// One row of the sync history.
    struct SyncRunView: Encodable, Sendable {
        let id: Int64
        let instanceId: Int64
        let operation: String
        let trigger: String
        let status: String
        let startedAt: Date
        let finishedAt: Date?
        let pages: Int
        let fetched: Int
        let stored: Int
        let warning: String?
        let error: String?

        init(_ run: SyncRun) {
            self.id = run.id.rawValue
            self.instanceId = run.instanceID.rawValue
            self.operation = run.operation.rawValue
            self.trigger = run.trigger.rawValue
            self.status = run.status.rawValue
            self.startedAt = run.startedAt
            self.finishedAt = run.finishedAt
            self.pages = run.pages
            self.fetched = run.fetched
            self.stored = run.stored
            self.warning = run.warning
            self.error = run.error
        }
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("sync/history") { request, context in
            let page = try request.pageRequest()
            let query = request.uri.queryParameters
            let operations = try request.enumParameters("operation", as: SyncOperation.self)
            let status = try request.enumParameter("status", as: SyncRunStatus.self)
            let instance = try query.get("channel").map { text in
                guard let id = Int64(text), id > 0 else {
                    throw APIError.invalidParameter(name: "channel", reason: "must be an integration instance id.")
                }
                return IntegrationInstanceID(id)
            }
            let filter = SyncRunFilter(
                operation: operations.isEmpty ? nil : EnumFilter(in: operations), status: status.map { EnumFilter(eq: $0) })
            let runs = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await IntegrationsReads.syncRuns(instance: instance, filter: filter, sort: [], page: page, in: transaction)
            }
            return try Response.json(PageResponse(runs, transform: SyncRunView.init))
        }
    }
}
