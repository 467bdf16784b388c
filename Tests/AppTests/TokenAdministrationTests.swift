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

@Suite struct TokenAdministrationTests {
    @Test func anAdminIssuesListsAndRevokesATokenThatThenStopsWorking() async throws {
        try await AppFixture.run { fixture, client in
            let headers = try await fixture.adminHeaders(fixture.owner)
            let created = try await client.execute(
                uri: "/api/admin/tokens", method: .post, headers: headers, body: #"{"name": "NetSuite", "scopes": ["import:read"]}"#.buffer)
            #expect(created.status == .created)
            let body = created.json
            let secret = try #require(body["secret"] as? String)
            let token = try #require(body["token"] as? [String: Any])
            let id = try #require(token["id"] as? String)
            #expect(token["scopes"] as? [String] == ["import:read"])
            #expect(token["created_by"] as? String == "user:\(fixture.owner.id)")

            let listed = try await client.execute(uri: "/api/admin/tokens", method: .get, headers: headers)
            #expect(!listed.text.contains(secret))
            #expect(listed.text.contains(id))

            let apiKey = HTTPField.Name("X-Api-Key")!
            try await client.execute(uri: "/api/import/status/999", method: .get, headers: [apiKey: secret]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/admin/tokens/\(id)", method: .delete, headers: headers) { response in
                #expect(response.status == .noContent)
            }
            try await client.execute(uri: "/api/import/status/999", method: .get, headers: [apiKey: secret]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.json["code"] as? String == "token_revoked")
            }
            try await client.execute(uri: "/api/admin/tokens/\(id)", method: .delete, headers: headers) { response in
                #expect(response.status == .conflict)
            }
        }
    }

    @Test func onlyAdminsAndOwnersManageTokens() async throws {
        try await AppFixture.run { fixture, client in
            for user in [fixture.staff, fixture.viewer] {
                let headers = try await fixture.adminHeaders(user)
                try await client.execute(uri: "/api/admin/tokens", method: .get, headers: headers) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.json["code"] as? String == "insufficient_role")
                }
                try await client.execute(
                    uri: "/api/admin/tokens", method: .post, headers: headers, body: #"{"name": "x", "scopes": ["erp"]}"#.buffer
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
            #expect(try await fixture.count("identity.machine_tokens") == 0)
        }
    }

    @Test func badInputGetsANamedErrorAndWritesNothing() async throws {
        try await AppFixture.run { fixture, client in
            let headers = try await fixture.adminHeaders(fixture.owner)
            let cases: [(String, HTTPResponse.Status, String, [String]?)] = [
                (#"{"name": "x", "scopes": ["erp"]"#, .badRequest, "malformed_json", nil),
                ("", .badRequest, "malformed_json", nil),
                (#"{"name": 5, "scopes": ["erp"]}"#, .unprocessableContent, "invalid_field", ["name"]),
                (#"{"scopes": ["erp"]}"#, .unprocessableContent, "invalid_field", ["name"]),
                (#"{"name": "x", "scopes": "erp"}"#, .unprocessableContent, "invalid_field", ["scopes"]),
                (#"{"name": "x", "scopes": [1]}"#, .unprocessableContent, "invalid_field", ["scopes", "0"]),
                (#"{"name": "x", "scopes": ["root"]}"#, .unprocessableContent, "unknown_scope", ["scopes"]),
                (#"{"name": "", "scopes": ["erp"]}"#, .unprocessableContent, "invalid_token_name", ["name"]),
                ("[1, 2]", .unprocessableContent, "invalid_body", nil),
            ]
            for (body, status, code, field) in cases {
                try await client.execute(uri: "/api/admin/tokens", method: .post, headers: headers, body: body.buffer) { response in
                    #expect(response.status == status, "\(body)")
                    let json = response.json
                    #expect(json["code"] as? String == code, "\(body)")
                    #expect(json["field"] as? [String] == field, "\(body)")
                    #expect((json["error"] as? String)?.isEmpty == false)
                }
            }
            try await client.execute(uri: "/api/admin/tokens/not-a-uuid", method: .delete, headers: headers) { response in
                #expect(response.status == .badRequest)
                #expect(response.json["field"] as? [String] == ["id"])
            }
            #expect(try await fixture.count("identity.machine_tokens") == 0)
            #expect(try await fixture.count("platform.activity_log") == 0)
        }
    }

    @Test func oversizedBodiesAre413WhetherDeclaredOrStreamed() async throws {
        try await AppFixture.run { fixture, client in
            var headers = try await fixture.adminHeaders(fixture.owner)
            let padding = String(repeating: "x", count: AppFixture.bodyLimit + 10)
            let body = #"{"name": "\#(padding)", "scopes": ["erp"]}"#
            try await client.execute(uri: "/api/admin/tokens", method: .post, headers: headers, body: body.buffer) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.json["code"] as? String == "body_too_large")
            }
            headers[.contentLength] = "\(body.utf8.count)"
            try await client.execute(uri: "/api/admin/tokens", method: .post, headers: headers, body: body.buffer) { response in
                #expect(response.status == .contentTooLarge)
            }
            #expect(try await fixture.count("identity.machine_tokens") == 0)
        }
    }

    @Test func aTokenFromAnotherTenantCannotBeRevoked() async throws {
        try await AppFixture.run { fixture, client in
            let foreign = try await fixture.identity.issueToken(tenant: fixture.otherTenant.id, name: "theirs", scopes: ["erp"], createdBy: "test")
            try await client.execute(
                uri: "/api/admin/tokens/\(foreign.token.id)", method: .delete, headers: try await fixture.adminHeaders(fixture.owner)
            ) {
                response in
                #expect(response.status == .notFound)
            }
            #expect(try await fixture.identity.tokens(tenant: fixture.otherTenant.id).first?.revokedAt == nil)
        }
    }
}
