import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Kernel
import PostgresNIO
import Storage
import TestSupport
import Testing

struct ImportCatalog: JobPayload {
    static let kind = "import.catalog"
    static let isTracked = true
}

@Suite struct JobTrayAndActivityTests {
    @Test func theJobTrayListsTrackedJobsAndShowsOne() async throws {
        try await AppFixture.run { fixture, client in
            let enqueued = try await fixture.environment.database.withTenant(fixture.tenant.id) {
                try await JobQueue.enqueue(ImportCatalog(), in: $0)
            }
            let foreign = try await fixture.environment.database.withTenant(fixture.otherTenant.id) {
                try await JobQueue.enqueue(ImportCatalog(), in: $0)
            }
            let headers = try await fixture.adminHeaders(fixture.viewer)
            try await client.execute(uri: "/api/admin/jobs?first=10", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let items = response.json["items"] as? [[String: Any]]
                #expect(items?.map { $0["id"] as? Int } == [Int(enqueued.id.rawValue)])
                #expect(items?.first?["state"] as? String == "pending")
                #expect(items?.first?["progress_percent"] as? Int == 0)
            }
            try await client.execute(uri: "/api/admin/jobs/\(enqueued.id)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.json["kind"] as? String == "import.catalog")
            }
            try await client.execute(uri: "/api/admin/jobs/\(foreign.id)", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/admin/jobs?first=0", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["code"] as? String == "page_size_out_of_range")
            }
            try await client.execute(uri: "/api/admin/jobs?after=garbage", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.json["code"] as? String == "invalid_cursor")
            }
        }
    }

    @Test func staffCancelAndRetryJobsAndItIsLogged() async throws {
        try await AppFixture.run { fixture, client in
            let enqueued = try await fixture.environment.database.withTenant(fixture.tenant.id) {
                try await JobQueue.enqueue(ImportCatalog(), in: $0)
            }
            try await client.execute(
                uri: "/api/admin/jobs/\(enqueued.id)/cancel", method: .post, headers: try await fixture.adminHeaders(fixture.viewer)
            ) {
                response in
                #expect(response.status == .forbidden)
            }
            let staff = try await fixture.adminHeaders(fixture.staff)
            try await client.execute(uri: "/api/admin/jobs/\(enqueued.id)/cancel", method: .post, headers: staff) { response in
                #expect(response.status == .ok)
                #expect(response.json["state"] as? String == "cancelled")
            }
            try await client.execute(uri: "/api/admin/jobs/\(enqueued.id)/cancel", method: .post, headers: staff) { response in
                #expect(response.status == .conflict)
                #expect(response.json["code"] as? String == "job_state_conflict")
            }
            try await client.execute(uri: "/api/admin/jobs/\(enqueued.id)/retry", method: .post, headers: staff) { response in
                #expect(response.json["state"] as? String == "pending")
            }
            try await client.execute(uri: "/api/admin/activity?subject_type=Job", method: .get, headers: staff) { response in
                let items = response.json["items"] as? [[String: Any]]
                #expect(items?.map { $0["event"] as? String } == ["job.retried", "job.cancelled"])
                #expect(items?.first?["actor_id"] as? String == fixture.staff.id.description)
            }
        }
    }

    @Test func importStatusFollowsTheSeedsShapeAndNeedsTheImportReadScope() async throws {
        try await AppFixture.run { fixture, client in
            let enqueued = try await fixture.environment.database.withTenant(fixture.tenant.id) { transaction in
                let job = try await JobQueue.enqueue(ImportCatalog(), in: transaction)
                try await transaction.query(
                    """
                    UPDATE platform.jobs SET state = 'succeeded', finished_at = now(),
                        result = '{"rowCount": 3, "processedCount": 2, "failedCount": 1, "errors": [{"row": 3, "field": "sku", "message": "sku is required"}]}'
                    WHERE id = \(job.id.rawValue)
                    """)
                return job
            }
            let apiKey = HTTPField.Name("X-Api-Key")!
            let reader = try await fixture.identity.issueToken(
                tenant: fixture.tenant.id, name: "importer", scopes: ["import:write"], createdBy: "test")
            try await client.execute(uri: "/api/import/status/\(enqueued.id)", method: .get, headers: [apiKey: reader.secret]) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(body["jobId"] as? String == enqueued.id.description)
                #expect(body["status"] as? String == "COMPLETED")
                #expect(body["rowCount"] as? Int == 3)
                #expect(body["failedCount"] as? Int == 1)
                #expect((body["errors"] as? [[String: Any]])?.first?["field"] as? String == "sku")
                #expect(body["completedAt"] is String)
            }
            let erpOnly = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "erp", scopes: ["erp"], createdBy: "test")
            try await client.execute(uri: "/api/import/status/\(enqueued.id)", method: .get, headers: [apiKey: erpOnly.secret]) { response in
                #expect(response.status == .forbidden)
                #expect(response.json["code"] as? String == "insufficient_scope")
            }
            let foreign = try await fixture.identity.issueToken(
                tenant: fixture.otherTenant.id, name: "theirs", scopes: ["import:read"], createdBy: "test")
            try await client.execute(uri: "/api/import/status/\(enqueued.id)", method: .get, headers: [apiKey: foreign.secret]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/import/status/\(enqueued.id)", method: .get) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
