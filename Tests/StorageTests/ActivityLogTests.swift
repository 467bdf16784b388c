import Foundation
import Kernel
import Storage
import TestSupport
import Testing

@Suite struct ActivityLogTests {
    @Test func pagesNewestFirstWithoutRepeatsOrGapsEvenWhenRowsArrive() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            let base = Date(timeIntervalSince1970: 1_790_000_000)
            try await environment.database.withTenant(tenant) { transaction in
                for index in 0..<7 {
                    try await ActivityLog.record(
                        NewActivity(
                            actorType: "user", actorID: "u1", subjectType: "Order", subjectID: "\(index % 2)", event: "event.\(index)",
                            properties: ["n": "\(index)"], occurredAt: base.addingTimeInterval(Double(index / 2))),  // pairs share a time
                        in: transaction)
                }
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await environment.database.withTenant(tenant) { transaction in
                    try await ActivityLog.list(page: try PageRequest(first: 3, after: cursor), in: transaction)
                }
                seen += page.items.map(\.event)
                cursor = page.hasNextPage ? page.endCursor?.encoded : nil
                if seen.count == 3 {
                    // A new entry arriving between pages lands before the cursor and does not disturb the walk.
                    try await environment.database.withTenant(tenant) { transaction in
                        try await ActivityLog.record(
                            NewActivity(actorType: "user", actorID: nil, subjectType: "Order", subjectID: "9", event: "late"), in: transaction)
                    }
                }
            } while cursor != nil
            #expect(seen == ["event.6", "event.5", "event.4", "event.3", "event.2", "event.1", "event.0"])

            let aboutOrderOne = try await environment.database.withTenant(tenant) { transaction in
                try await ActivityLog.list(
                    filter: ActivityFilter(subjectType: StringFilter(eq: "Order"), subjectId: StringFilter(eq: "1")),
                    page: try PageRequest(first: 10), in: transaction)
            }
            #expect(aboutOrderOne.items.map(\.event) == ["event.5", "event.3", "event.1"])
            #expect(aboutOrderOne.items.first?.properties == #"{"n": "5"}"#)
        }
    }

    @Test func backwardPagingReturnsTheNewerEntries() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = TenantID.random()
            try await environment.database.withTenant(tenant) { transaction in
                for index in 0..<4 {
                    try await ActivityLog.record(
                        NewActivity(actorType: "user", actorID: nil, subjectType: "T", subjectID: "1", event: "e\(index)"), in: transaction)
                }
            }
            let first = try await environment.database.withTenant(tenant) { try await ActivityLog.list(page: try PageRequest(first: 10), in: $0) }
            let oldest = try #require(first.endCursor)
            let newer = try await environment.database.withTenant(tenant) {
                try await ActivityLog.list(page: try PageRequest(last: 2, before: oldest.encoded), in: $0)
            }
            #expect(newer.items.map(\.event) == ["e2", "e1"])
            #expect(newer.hasPreviousPage)
        }
    }
}
