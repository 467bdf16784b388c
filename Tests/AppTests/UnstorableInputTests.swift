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

/// Values the database would refuse are answered with a 4xx naming the problem, never a 500, and change nothing.
@Suite struct UnstorableInputTests {
    @Test func aTokenNameWithControlCharactersIsRefusedAndNothingIsIssued() async throws {
        try await AppFixture.run { fixture, client in
            let before = try await fixture.count("identity.machine_tokens")
            let response = try await client.execute(
                uri: "/api/admin/tokens", method: .post, headers: try await fixture.adminHeaders(fixture.owner),
                body: #"{"name": "ERP\u0000", "scopes": ["erp"]}"#.buffer)
            #expect(response.status == .unprocessableContent)
            #expect(response.json["code"] as? String == "invalid_token_name")
            #expect(response.json["field"] as? [String] == ["name"])
            #expect(try await fixture.count("identity.machine_tokens") == before)
        }
    }

    @Test func aQueryValueWithANULCharacterIsAnInvalidValue() async throws {
        try await AppFixture.run { fixture, client in
            let response = try await client.execute(
                uri: "/api/admin/activity?subject_type=Job%00", method: .get, headers: try await fixture.adminHeaders(fixture.viewer))
            #expect(response.status == .unprocessableContent)
            #expect(response.json["code"] as? String == "invalid_value")
            #expect(response.json["request_id"] as? String != nil)
        }
    }

    @Test func retryingAJobWhoseUniqueKeyIsPendingAgainIsAConflict() async throws {
        try await AppFixture.run { fixture, client in
            let database = fixture.environment.database
            let options = JobOptions(uniqueKey: "catalog:1")
            let first = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), options: options, in: $0) }
            let headers = try await fixture.adminHeaders(fixture.owner)
            try await client.execute(uri: "/api/admin/jobs/\(first.id)/cancel", method: .post, headers: headers) { response in
                #expect(response.status == .ok)
            }
            _ = try await database.withTenant(fixture.tenant.id) { try await JobQueue.enqueue(ImportCatalog(), options: options, in: $0) }
            let activityBefore = try await fixture.count("platform.activity_log")
            try await client.execute(uri: "/api/admin/jobs/\(first.id)/retry", method: .post, headers: headers) { response in
                #expect(response.status == .conflict)
                #expect(response.json["code"] as? String == "job_unique_key_pending")
            }
            #expect(try await fixture.count("platform.activity_log") == activityBefore)
            let state = try await database.withTenant(fixture.tenant.id) { try await JobQueue.find(first.id, in: $0)?.state }
            #expect(state == .cancelled)
        }
    }
}
