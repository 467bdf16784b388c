import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Identity
import IdentityContracts
import Kernel
import NIOCore
import Testing

/// The channel partner API (seed 000 ops 1–14) on real PostgreSQL: which caller may touch which instance, on every route,
/// and what each route does.
@Suite struct PartnerAPITests {
    /// A tenant with two partners (A and B) and a Shopify store, and tokens: A read+write, A read-only, B, and an ERP key.
    struct Setup {
        let owner: HTTPFields
        let partnerA: Int
        let partnerB: Int
        let shop: Int
        let tokenA: String
        let readOnlyA: String
        let tokenB: String
        let erp: String
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)", .contentType: "application/json"] }

    static func create(_ client: any TestClientProtocol, _ owner: HTTPFields, _ input: [String: Any]) async throws -> Int {
        let (_, body) = try await client.graphQL(IntegrationsHTTPTests.create, variables: ["input": input], headers: owner)
        let id = try #require(value(body, "integrationInstanceCreate", "integrationInstance", "id") as? String)
        return try #require(Int(id.split(separator: "/").last.map(String.init) ?? ""))
    }

    static func issue(_ client: any TestClientProtocol, _ owner: HTTPFields, partner: Int, scopes: [String]? = nil) async throws -> String {
        var input: [String: Any] = ["name": "Partner key"]
        if let scopes { input["scopes"] = scopes }
        let (status, body) = try await client.call(.post, "/api/channel-partners/\(partner)/tokens", owner, input)
        #expect(status == .created)
        return try #require(body["plain_text_token"] as? String)
    }

    static func setUp(_ fixture: AppFixture, _ client: any TestClientProtocol) async throws -> Setup {
        let owner = try await fixture.adminHeaders(fixture.owner)
        let partnerA = try await Self.create(client, owner, ["provider": "PARTNER", "name": "Partner A"])
        let partnerB = try await Self.create(client, owner, ["provider": "PARTNER", "name": "Partner B"])
        let shop = try await Self.create(client, owner, IntegrationsHTTPTests.shopify())
        let erp = try await fixture.identity.issueToken(tenant: fixture.tenant.id, name: "ERP", scopes: ["erp"], createdBy: "test").secret
        return Setup(
            owner: owner, partnerA: partnerA, partnerB: partnerB, shop: shop, tokenA: try await Self.issue(client, owner, partner: partnerA),
            readOnlyA: try await Self.issue(client, owner, partner: partnerA, scopes: ["channel:read"]),
            tokenB: try await Self.issue(client, owner, partner: partnerB), erp: erp)
    }

    /// Every partner route, with what it does to its instance.
    static let routes: [(HTTPRequest.Method, String, Access)] = [
        (.get, "/api/channel-partners/{id}", .read),
        (.put, "/api/channel-partners/{id}", .administer),
        (.delete, "/api/channel-partners/{id}", .administer),
        (.get, "/api/channel-partners/{id}/dashboard", .read),
        (.post, "/api/channel-partners/{id}/tokens", .administer),
        (.get, "/api/channel-partners/{id}/tokens", .administer),
        (.delete, "/api/channel-partners/{id}/tokens/00000000-0000-0000-0000-000000000000", .administer),
        (.post, "/api/integration-instances/{id}/channel-token", .administer),
        (.get, "/api/channel-partners/{id}/inbound-events", .read),
        (.delete, "/api/channel-partners/{id}/inbound-events", .administer),
        (.get, "/api/channel-partners/{id}/inbound-events/stats", .read),
        (.get, "/api/channel-partners/{id}/inbound-events/999999", .read),
        (.post, "/api/channel-partners/{id}/inbound-events/999999/reprocess", .operate),
    ]

    enum Access { case read, operate, administer }

    /// The one rule, route by route: another channel's token is told the instance does not exist; a token lacking the
    /// scope, a token that is not a channel token, and a channel token on an admin-only route are refused; another
    /// tenant's admin finds nothing; and the owner passes the access check on every route.
    @Test func everyRouteSeesOnlyItsChannel() async throws {
        try await AppFixture.run { fixture, client in
            let setup = try await Self.setUp(fixture, client)
            let outsider = try await fixture.adminHeaders(fixture.outsider, tenant: fixture.otherTenant.id)
            let viewer = try await fixture.adminHeaders(fixture.viewer)
            for (method, template, access) in Self.routes {
                let path = template.replacingOccurrences(of: "{id}", with: "\(setup.partnerA)")
                let body: [String: Any]? = method == .put || method == .post ? ["name": "Renamed"] : nil
                let label = "\(method) \(template)"

                let (foreign, foreignBody) = try await client.call(method, path, Self.bearer(setup.tokenB), body)
                #expect(foreign == .notFound, "another channel's token: \(label)")
                #expect(foreignBody["code"] as? String == "instance_not_found", "\(label)")
                #expect(try await client.call(method, path, [HTTPField.Name("X-Api-Key")!: setup.erp], body).0 == .forbidden, "ERP key: \(label)")
                #expect(try await client.call(method, path, outsider, body).0 == .notFound, "other tenant: \(label)")

                let readOnly = try await client.call(method, path, Self.bearer(setup.readOnlyA), body).0
                let full = try await client.call(method, path, Self.bearer(setup.tokenA), body).0
                let asViewer = try await client.call(method, path, viewer, body).0
                switch access {
                case .read:
                    #expect(readOnly != .forbidden && full != .forbidden && asViewer != .forbidden, "\(label)")
                case .operate:
                    #expect(readOnly == .forbidden && full != .forbidden && asViewer == .forbidden, "\(label)")
                case .administer:
                    #expect(readOnly == .forbidden && full == .forbidden && asViewer == .forbidden, "\(label)")
                }
            }
            // A non-partner instance is no channel partner, even to the owner; its channel token is issued all the same.
            #expect(try await client.call(.get, "/api/channel-partners/\(setup.shop)", setup.owner).0 == .notFound)
            #expect(try await client.call(.post, "/api/integration-instances/\(setup.shop)/channel-token", setup.owner).0 == .created)
            // The owner passes every check (deleting the partner last).
            for (method, template, _) in Self.routes.sorted(by: { $0.0 != .delete || $1.0 == .delete })
            where template != "/api/channel-partners/{id}" || method != .delete {
                let path = template.replacingOccurrences(of: "{id}", with: "\(setup.partnerA)")
                let status = try await client.call(method, path, setup.owner, method == .put || method == .post ? ["name": "Renamed"] : nil).0
                #expect(status != .forbidden && status != .unauthorized, "owner: \(method) \(template) answered \(status)")
            }
        }
    }

    /// Tokens: generated and shown once, listed while active, revoked; the per-instance token replaces the one before it.
    @Test func tokensAreShownOnceListedRevokedAndReplaced() async throws {
        try await AppFixture.run { fixture, client in
            let setup = try await Self.setUp(fixture, client)
            let partner = "/api/channel-partners/\(setup.partnerA)"
            let (_, listed) = try await client.call(.get, "\(partner)/tokens", setup.owner)
            let items = try #require(listed["items"] as? [[String: Any]])
            #expect(items.count == 2)
            #expect(items.allSatisfy { $0["channel_instance_id"] as? Int == setup.partnerA && $0["secret"] == nil })
            #expect(Set(items.compactMap { $0["scopes"] as? [String] }) == [["channel:read", "channel:write"], ["channel:read"]])

            let (refused, refusal) = try await client.call(.post, "\(partner)/tokens", setup.owner, ["name": "x", "scopes": ["erp"]])
            #expect(refused == .unprocessableContent)
            #expect(refusal["code"] as? String == "scope_not_for_channel")
            let (tenantWide, _) = try await client.call(.post, "/api/admin/tokens", setup.owner, ["name": "x", "scopes": ["channel:read"]])
            #expect(tenantWide == .unprocessableContent, "channel scopes only on channel tokens")

            let readOnly = try #require(items.first { ($0["scopes"] as? [String]) == ["channel:read"] }?["id"] as? String)
            #expect(try await client.call(.delete, "\(partner)/tokens/\(readOnly)", setup.owner).0 == .noContent)
            #expect(try await client.call(.get, partner, Self.bearer(setup.readOnlyA)).0 == .unauthorized)
            #expect(try await client.call(.delete, "\(partner)/tokens/\(readOnly)", setup.owner).0 == .conflict)
            let tokenOfB = try #require(
                try await client.call(.get, "/api/channel-partners/\(setup.partnerB)/tokens", setup.owner).1["items"] as? [[String: Any]])
            let idOfB = try #require(tokenOfB.first?["id"] as? String)
            #expect(try await client.call(.delete, "\(partner)/tokens/\(idOfB)", setup.owner).0 == .notFound, "B's token is not A's to revoke")

            let sanctum = "/api/integration-instances/\(setup.partnerA)/channel-token"
            let first = try #require(try await client.call(.post, sanctum, setup.owner).1["plain_text_token"] as? String)
            let (created, second) = try await client.call(.post, sanctum, setup.owner, ["name": "Per-instance"])
            #expect(created == .created)
            let secondToken = try #require(second["plain_text_token"] as? String)
            #expect(try await client.call(.get, partner, Self.bearer(first)).0 == .unauthorized, "replaced")
            #expect(try await client.call(.get, partner, Self.bearer(setup.tokenA)).0 == .unauthorized, "the generated read+write token too")
            #expect(try await client.call(.get, partner, Self.bearer(secondToken)).0 == .ok)
            let (_, after) = try await client.call(.get, "\(partner)/tokens", setup.owner)
            #expect((after["items"] as? [[String: Any]])?.count == 1, "the generated read+write token was replaced too; the read-only one revoked")
        }
    }

    /// A partner's calls are kept in its event log (secrets redacted, errors too); it reads its partner record, dashboard
    /// and log; a partner call is never reprocessed; the owner updates, clears and deletes it.
    @Test func partnerCallsAreLoggedAndThePartnerIsManaged() async throws {
        try await AppFixture.run { fixture, client in
            let setup = try await Self.setUp(fixture, client)
            let partner = "/api/channel-partners/\(setup.partnerA)"
            let (status, record) = try await client.call(.get, partner, Self.bearer(setup.tokenA))
            #expect(status == .ok)
            #expect(record["name"] as? String == "Partner A")
            #expect(record["provider"] as? String == "partner")
            #expect(try await client.call(.get, "/api/channel-partners/\(setup.partnerB)", Self.bearer(setup.tokenA)).0 == .notFound)

            let (_, events) = try await client.call(.get, "\(partner)/inbound-events?source=partner_api", Self.bearer(setup.tokenA))
            let items = try #require(events["items"] as? [[String: Any]])
            #expect(items.count == 2, "the call above and the refused probe of B, both kept in A's log")
            #expect(Set(items.compactMap { $0["response_status"] as? Int }) == [200, 404])
            #expect(items.allSatisfy { $0["source"] as? String == "partner_api" })
            let refusedID = try #require(items.first { $0["response_status"] as? Int == 404 }?["id"] as? Int)
            let (_, detail) = try await client.call(.get, "\(partner)/inbound-events/\(refusedID)", Self.bearer(setup.tokenA))
            #expect((detail["request_headers"] as? [String: Any])?["authorization"] as? String == "[redacted]")
            #expect((detail["event"] as? [String: Any])?["status"] as? String == "failed")
            #expect((detail["response_body"] as? String)?.contains("instance_not_found") == true)
            let (reprocess, refusal) = try await client.call(
                .post, "\(partner)/inbound-events/\(refusedID)/reprocess", Self.bearer(setup.tokenA))
            #expect(reprocess == .unprocessableContent)
            #expect(refusal["code"] as? String == "event_not_reprocessable")

            let (_, stats) = try await client.call(.get, "\(partner)/inbound-events/stats", setup.owner)
            #expect(
                (stats["endpoints"] as? [String]).map(Set.init) == [
                    "GET /api/channel-partners/{id}", "GET /api/channel-partners/{id}/inbound-events",
                    "GET /api/channel-partners/{id}/inbound-events/{eventId}", "POST /api/channel-partners/{id}/inbound-events/{eventId}/reprocess",
                ],
                "routes, not paths: one entry per route however many ids are touched")
            let (_, dashboard) = try await client.call(.get, "\(partner)/dashboard", setup.owner)
            #expect((dashboard["tokens"] as? [String: Any])?["active"] as? Int == 2)
            #expect((dashboard["recent_events"] as? [[String: Any]])?.count ?? 0 >= 4)

            let (updated, changed) = try await client.call(
                .put, partner, setup.owner,
                ["name": "Partner Prime", "integration_settings": ["webhookUrl": "https://p.example/hook", "batch_size": 50]])
            #expect(updated == .ok)
            #expect(changed["name"] as? String == "Partner Prime")
            #expect(
                (changed["integration_settings"] as? [String: Any])?["webhookUrl"] as? String == "https://p.example/hook", "member names kept as sent"
            )
            #expect(try await client.call(.put, partner, setup.owner, ["integration_settings": [:]]).0 == .unprocessableContent, "name is required")

            let (_, cleared) = try await client.call(.delete, "\(partner)/inbound-events", setup.owner)
            #expect(cleared["deleted"] as? Int == 5, "the five calls made with the token")
            #expect(try await client.call(.delete, partner, setup.owner).0 == .noContent)
            #expect(try await client.call(.get, partner, Self.bearer(setup.tokenA)).0 == .notFound, "a deleted partner's token reaches nothing")
        }
    }
}

extension TestClientProtocol {
    /// A JSON call: the status and the decoded object body (empty when there is none).
    func call(
        _ method: HTTPRequest.Method, _ path: String, _ headers: HTTPFields, _ body: [String: Any]? = nil
    ) async throws -> (HTTPResponse.Status, [String: Any]) {
        var headers = headers
        headers[.contentType] = "application/json"
        let buffer = try body.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
        return try await self.execute(uri: path, method: method, headers: headers, body: buffer) { ($0.status, $0.json) }
    }
}
