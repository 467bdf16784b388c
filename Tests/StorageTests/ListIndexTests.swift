import Foundation
import Kernel
import PostgresNIO
import TestSupport
import Testing

@testable import Storage

/// Every list statement the query language sends for the job tray and the activity log, in each indexed order, can be
/// answered from an index in index order: with sequential scans and sorts priced out, the plan must use neither.
@Suite struct ListIndexTests {
    static func plan(_ query: PostgresQuery, on client: PostgresClient) async throws -> String {
        try await client.withConnection { connection in
            _ = try await connection.query("SET enable_seqscan = off", logger: Logger(label: "test"))
            _ = try await connection.query("SET enable_sort = off", logger: Logger(label: "test"))
            let rows = try await connection.query(
                PostgresQuery(unsafeSQL: "EXPLAIN " + query.sql, binds: query.binds), logger: Logger(label: "test"))
            var lines: [String] = []
            for try await line in rows.decode(String.self) { lines.append(line) }
            _ = try await connection.query("RESET ALL", logger: Logger(label: "test"))
            return lines.joined(separator: "\n")
        }
    }

    @Test func jobTrayAndActivityListsUseIndexes() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            var statements: [(String, PostgresQuery)] = []
            for sort in [[], [ListSort(JobSortField.createdAt, .desc)], [ListSort(JobSortField.updatedAt, .desc)]] {
                statements.append(
                    ("jobs \(sort)", try JobQueue.trayList(filter: nil, sort: sort, page: PageRequest(first: 50), tenant: tenant).statement()))
            }
            statements.append(("jobs count", try JobQueue.trayList(filter: nil, sort: [], page: PageRequest(), tenant: tenant).countStatement()))
            statements.append(
                ("activity", try ActivityLog.list(filter: nil, newestFirst: true, page: PageRequest(first: 50), tenant: tenant).statement()))
            statements.append(
                (
                    "activity about a subject",
                    try ActivityLog.list(
                        filter: ActivityFilter(subjectType: StringFilter(eq: "Job"), subjectId: StringFilter(eq: "1")), newestFirst: true,
                        page: PageRequest(first: 50), tenant: tenant
                    ).statement()
                ))
            for (name, statement) in statements {
                let plan = try await Self.plan(statement, on: environment.ownerClient)
                #expect(plan.contains("Index"), "\(name) has no index behind it:\n\(plan)")
                #expect(!plan.contains("Seq Scan"), "\(name) scans the table:\n\(plan)")
                if !name.hasSuffix("count") { #expect(!plan.contains("Sort"), "\(name) sorts instead of reading in index order:\n\(plan)") }
            }
        }
    }
}
