import Kernel

extension Database {
    /// Writes a pulled page in one transaction of the tenant; when the database refuses a value in it (a NUL in text,
    /// a broken constraint), writes each record again in its own transaction and skips those it refuses, so one bad
    /// record never holds back its page. Answers the sum of what `write` answered and the records refused.
    public func writeSkippingRefused<Record: Sendable>(
        _ records: [Record], tenant: TenantID, write: @escaping @Sendable ([Record], Transaction) async throws -> Int
    ) async throws -> (written: Int, refused: [Record]) {
        guard !records.isEmpty else { return (0, []) }
        do {
            return (try await self.withTenant(tenant) { try await write(records, $0) }, [])
        } catch let error where SQLState.refusesData(error) {
            var written = 0
            var refused: [Record] = []
            for record in records {
                do {
                    written += try await self.withTenant(tenant) { try await write([record], $0) }
                } catch let error where SQLState.refusesData(error) {
                    refused.append(record)
                }
            }
            return (written, refused)
        }
    }
}
