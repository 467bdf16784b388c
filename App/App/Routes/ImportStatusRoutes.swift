import Foundation
import Hummingbird
import IdentityContracts
import Kernel
import Storage

/// `GET /api/import/status/{jobId}` (seed 003): the state and row counts of an import job, for `import:read` keys.
/// Import handlers keep `{"rowCount", "processedCount", "failedCount", "errors"}` in the job's result.
struct ImportStatusRoutes {
    let database: Database

    struct Counts: Decodable {
        var rowCount: Int?
        var processedCount: Int?
        var failedCount: Int?
        var errors: [ImportRowError]?
    }

    struct ImportRowError: Codable {
        let row: Int?
        let field: String?
        let message: String
    }

    struct Status: Encodable {
        let jobId: String
        let status: String
        let rowCount: Int
        let processedCount: Int
        let failedCount: Int
        let errors: [ImportRowError]
        let completedAt: Date?
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("status/{jobId}") { _, context in
            try context.requireScope(.importRead)
            guard let text = context.parameters.get("jobId"), let raw = Int64(text), raw > 0 else {
                throw APIError.invalidParameter(name: "jobId", reason: "must be an import job id.")
            }
            let id = JobID(raw)
            let job = try await self.database.withTenant(context.principal.tenant) { try await JobQueue.find(id, in: $0) }
            guard let job, job.kind.hasPrefix("import.") else { throw JobQueueError.notFound(id) }
            return try Response.json(Self.status(of: job), keys: .camelCase)
        }
    }

    static func status(of job: JobRecord) -> Status {
        let counts = job.result.flatMap { try? JSONDecoder().decode(Counts.self, from: Data($0.utf8)) } ?? Counts()
        let status =
            switch job.state {
            case .pending: "PENDING"
            case .running: "PROCESSING"
            case .succeeded: "COMPLETED"
            case .dead, .cancelled: "FAILED"
            }
        return Status(
            jobId: job.id.description, status: status, rowCount: counts.rowCount ?? 0, processedCount: counts.processedCount ?? 0,
            failedCount: counts.failedCount ?? 0,
            errors: counts.errors ?? (job.lastError.map { [ImportRowError(row: nil, field: nil, message: $0)] } ?? []),
            completedAt: job.finishedAt)
    }
}
