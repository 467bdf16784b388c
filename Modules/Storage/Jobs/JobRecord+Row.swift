import Foundation
import Kernel
import PostgresNIO

extension JobRecord {
    /// Decodes a row selected with `JobQueue.columns`.
    init(row: PostgresRow) throws {
        let (tenant, id, kind, state, payload, attempts, maxAttempts, runAt, uniqueKey, tracked) =
            try row.decode((UUID, Int64, String, String, String, Int, Int, Date, String?, Bool).self, file: #fileID, line: #line)
        let cells = row.makeRandomAccess()
        self.init(
            id: JobID(id),
            tenantID: TenantID(tenant),
            kind: kind,
            state: JobState(rawValue: state) ?? .pending,
            payload: payload,
            attempts: attempts,
            maxAttempts: maxAttempts,
            runAt: runAt,
            uniqueKey: uniqueKey,
            tracked: tracked,
            progressPercent: try cells[10].decode(Int16?.self).map(Int.init),
            progressMessage: try cells[11].decode(String?.self),
            result: try cells[12].decode(String?.self),
            lastError: try cells[13].decode(String?.self),
            createdAt: try cells[14].decode(Date.self),
            updatedAt: try cells[15].decode(Date.self),
            finishedAt: try cells[16].decode(Date?.self)
        )
    }
}
