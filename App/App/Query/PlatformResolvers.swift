import Foundation
import IdentityContracts
import Kernel
import QueryLanguage
import Storage

/// The job tray and the activity log: `Query.jobs`, `Query.activityLog`, `Mutation.jobCancel/jobRetry`.
enum PlatformResolvers {
    enum ActivitySortField: String, Sendable, Equatable, Decodable {
        case occurredAt = "OCCURRED_AT"
    }

    struct JobIDArgument: Decodable, Sendable {
        let id: String
    }

    /// `{ job, userErrors }`.
    struct JobChangePayload: Sendable {
        let job: JobRecord?
        let userErrors: [UserErrorView]
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.connection("JobConnection", edgeType: "JobEdge", node: JobRecord.self)
        bindings.connection("ActivityEntryConnection", edgeType: "ActivityEntryEdge", node: ActivityEntry.self)
        bindings.root("Query") { query in
            query.connection(
                "jobs", JobRecord.self, filter: JobFilter.self, sort: JobSortField.self,
                page: { arguments, page, transaction in
                    try await JobQueue.tray(filter: arguments.filter, sort: arguments.sort ?? [], page: page, in: transaction)
                },
                count: { filter, transaction in try await JobQueue.trayCount(filter: filter, in: transaction) })
            query.connection(
                "activityLog", ActivityEntry.self, filter: ActivityFilter.self, sort: ActivitySortField.self,
                page: { arguments, page, transaction in
                    try await ActivityLog.list(
                        filter: arguments.filter, newestFirst: arguments.sort?.first?.direction != .asc, page: page, in: transaction)
                },
                count: { filter, transaction in try await ActivityLog.count(filter: filter, in: transaction) })
        }
        bindings.root("Mutation") { mutation in
            mutation.object("jobCancel", JobChangePayload.self, arguments: JobIDArgument.self) { parents, arguments, context in
                let payload = try await self.change(arguments.id, context.context) { tray, id, principal in try await tray.cancel(id, by: principal) }
                return parents.map { _ in payload }
            }
            mutation.object("jobRetry", JobChangePayload.self, arguments: JobIDArgument.self) { parents, arguments, context in
                let payload = try await self.change(arguments.id, context.context) { tray, id, principal in try await tray.retry(id, by: principal) }
                return parents.map { _ in payload }
            }
        }
        for payload in ["JobCancelPayload", "JobRetryPayload"] {
            bindings.object(payload, JobChangePayload.self) { type in
                type.object("job", JobRecord.self) { $0.job }
                type.list("userErrors", UserErrorView.self) { $0.userErrors }
            }
        }
        bindings.object("Job", JobRecord.self) { type in
            type.field("id") { .globalID("Job", $0.id.rawValue) }
            type.field("kind") { .string($0.kind) }
            type.field("state") { .enumeration($0.state) }
            type.field("attempts") { .int($0.attempts) }
            type.field("maxAttempts") { .int($0.maxAttempts) }
            type.field("progressPercent") { .optional($0.progressPercent) }
            type.field("progressMessage") { .optional($0.progressMessage) }
            type.field("result") { $0.result.map(LeafValue.json) ?? .null }
            type.field("lastError") { .optional($0.lastError) }
            type.field("runAt") { .dateTime($0.runAt) }
            type.field("createdAt") { .dateTime($0.createdAt) }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
            type.field("finishedAt") { .dateTime($0.finishedAt) }
        }
        bindings.object("ActivityEntry", ActivityEntry.self) { type in
            type.field("id") { .globalID("ActivityEntry", $0.id) }
            type.field("occurredAt") { .dateTime($0.occurredAt) }
            type.field("actorType") { .string($0.actorType) }
            type.field("actorId") { .optional($0.actorID) }
            type.field("subjectType") { .string($0.subjectType) }
            type.field("subjectId") { .string($0.subjectID) }
            type.field("event") { .string($0.event) }
            type.field("properties") { .json($0.properties) }
        }
    }

    /// Staff and above may change jobs; a wrong id or a refused change comes back as a user error.
    private static func change(
        _ id: String, _ context: QueryContext, _ change: @Sendable (JobTray, JobID, IdentityContracts.Principal) async throws -> JobRecord?
    ) async throws -> JobChangePayload {
        try context.principal.requireRole(.staff)
        guard let global = GlobalID(id), global.typeName == "Job", let number = Int64(global.localID), number > 0 else {
            return JobChangePayload(
                job: nil, userErrors: [UserErrorView(field: ["id"], message: "\(id.prefix(100)) is not a job id.", code: "INVALID_ID")])
        }
        do {
            return JobChangePayload(job: try await change(JobTray(database: context.database), JobID(number), context.principal), userErrors: [])
        } catch let error as JobQueueError {
            return JobChangePayload(job: nil, userErrors: [UserErrorView(error, field: ["id"])])
        }
    }
}
