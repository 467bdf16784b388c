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

@Suite struct AdminAuthenticationTests {
    @Test func aMemberSeesWhoTheyAreInTheirTenant() async throws {
        try await AppFixture.run { fixture, client in
            try await client.execute(uri: "/api/admin/viewer", method: .get, headers: try await fixture.adminHeaders(fixture.staff)) { response in
                #expect(response.status == .ok)
                let body = response.json
                #expect(body["role"] as? String == "staff")
                #expect((body["user"] as? [String: Any])?["email"] as? String == "staff@example.com")
                #expect((body["tenant"] as? [String: Any])?["id"] as? String == fixture.tenant.id.description)
            }
        }
    }

    @Test func missingMalformedForgedAndExpiredTokensAre401() async throws {
        try await AppFixture.run { fixture, client in
            let orgid = HTTPField.Name("orgid")!
            let forgedKeys = await AdminTokens(secret: String(repeating: "x", count: 40), issuer: "switchyard", lifetimeMinutes: 60)
            let forged = try await forgedKeys.sign(user: fixture.owner.id)
            let expiredKeys = await AdminTokens(
                secret: AppFixture.jwtSecret, issuer: "switchyard", lifetimeMinutes: 1, clock: FixedClock(Date().addingTimeInterval(-3600)))
            let expired = try await expiredKeys.sign(user: fixture.owner.id)
            let otherIssuer = try await AdminTokens(secret: AppFixture.jwtSecret, issuer: "elsewhere", lifetimeMinutes: 60).sign(
                user: fixture.owner.id)
            let cases: [HTTPFields] = [
                [orgid: fixture.tenant.id.description],
                [.authorization: "Basic abc", orgid: fixture.tenant.id.description],
                [.authorization: "Bearer not.a.jwt", orgid: fixture.tenant.id.description],
                [.authorization: "Bearer \(forged)", orgid: fixture.tenant.id.description],
                [.authorization: "Bearer \(expired)", orgid: fixture.tenant.id.description],
                [.authorization: "Bearer \(otherIssuer)", orgid: fixture.tenant.id.description],
            ]
            for headers in cases {
                try await client.execute(uri: "/api/admin/viewer", method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(response.json["code"] as? String == "invalid_credentials")
                }
            }
        }
    }

    @Test func theOrgidHeaderMustNameATenantTheUserBelongsTo() async throws {
        try await AppFixture.run { fixture, client in
            let jwt = try await fixture.tokens.sign(user: fixture.owner.id)
            let orgid = HTTPField.Name("orgid")!
            try await client.execute(uri: "/api/admin/viewer", method: .get, headers: [.authorization: "Bearer \(jwt)"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.json["code"] as? String == "missing_header")
            }
            try await client.execute(uri: "/api/admin/viewer", method: .get, headers: [.authorization: "Bearer \(jwt)", orgid: "demo"]) { response in
                #expect(response.status == .badRequest)
                #expect(response.json["code"] as? String == "invalid_header")
            }
            for tenant in [fixture.otherTenant.id, TenantID.random()] {
                try await client.execute(
                    uri: "/api/admin/viewer", method: .get, headers: try await fixture.adminHeaders(fixture.owner, tenant: tenant)
                ) {
                    response in
                    #expect(response.status == .forbidden)
                    #expect(response.json["code"] as? String == "tenant_access_denied")
                }
            }
        }
    }

    @Test func machineTokensCannotUseTheAdminSurface() async throws {
        try await AppFixture.run { fixture, client in
            let issued = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test")
            try await client.execute(
                uri: "/api/admin/tokens", method: .get,
                headers: [HTTPField.Name("X-Api-Key")!: issued.secret, HTTPField.Name("orgid")!: fixture.tenant.id.description]
            ) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }
}
