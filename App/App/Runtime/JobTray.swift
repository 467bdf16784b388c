import IdentityContracts
import Kernel
import Storage

/// Admin changes to tracked jobs, shared by the REST routes and the query language: the change and its activity
/// entry commit together.
struct JobTray: Sendable {
    let database: Database

    func cancel(_ id: JobID, by principal: Principal) async throws -> JobRecord? {
        try await self.change(id, by: principal, event: "job.cancelled") { try await JobQueue.cancel(id, in: $0) }
    }

    func retry(_ id: JobID, by principal: Principal) async throws -> JobRecord? {
        try await self.change(id, by: principal, event: "job.retried") { try await JobQueue.retry(id, in: $0) }
    }

    private func change(
        _ id: JobID, by principal: Principal, event: String, _ change: @escaping @Sendable (Transaction) async throws -> Void
    ) async throws -> JobRecord? {
        try await self.database.withTenant(principal.tenant) { transaction in
            try await change(transaction)
            try await ActivityLog.record(
                NewActivity(
                    actorType: principal.actor.type, actorID: principal.actor.id, subjectType: "Job", subjectID: id.description, event: event),
                in: transaction)
            return try await JobQueue.find(id, in: transaction)
        }
    }
}
