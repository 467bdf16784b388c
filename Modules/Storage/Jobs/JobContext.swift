import Kernel
import Logging
import PostgresNIO

/// What a running handler gets besides its payload: who it runs for, and a way to report progress.
public struct JobContext: Sendable {
    public let job: ClaimedJob
    public let database: Database
    public let logger: Logger
    let workerID: String

    public var tenant: TenantID { self.job.tenantID }

    /// Updates the job tray's percent (clamped to 0...100) and message; visible to readers at once.
    public func reportProgress(percent: Int, message: String? = nil) async throws {
        let clamped = Int16(max(0, min(100, percent)))
        try await self.database.withTenant(self.job.tenantID) { transaction in
            try await transaction.query(
                """
                UPDATE platform.jobs SET progress_percent = \(clamped), progress_message = \(message), updated_at = now()
                WHERE tenant_id = \(self.job.tenantID.rawValue) AND id = \(self.job.id.rawValue) AND locked_by = \(self.workerID)
                """)
        }
    }
}
