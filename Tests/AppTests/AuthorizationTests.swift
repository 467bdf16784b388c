import AsyncHTTPClient
import Channels
import Foundation
import HTTPTypes
import HummingbirdTesting
import Integrations
import Kernel
import Logging
import NIOCore
import NIOHTTP1
import Sandbox
import TestSupport
import Testing

/// Sellers' consents end to end over HTTP: an instance created with its app's credentials waits `PENDING`, the admin
/// starts the consent, the Sandbox's consent page answers at Switchyard's callback as the provider would, the code is
/// exchanged, and the instance pulls orders with what was granted. Forged, declined, spent and lapsed answers change
/// nothing.
@Suite struct AuthorizationTests {
    static let logger = Logger(label: "sandbox") { _ in SwiftLogNoOpLogHandler() }
    /// A browser that does not follow redirects, so each hop can be checked.
    static let browser = HTTPClient(configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    static let authorize = """
        mutation($id: ID!) { integrationInstanceAuthorize(id: $id) { authorization { url expiresAt } userErrors { code message field } } }
        """
    static let instance = "query($id: ID!) { node(id: $id) { ... on IntegrationInstance { status credentialNames connectionSettings } } }"

    struct Context {
        let sandbox: Sandbox
        let root: String
        let fixture: AppFixture
        let client: any TestClientProtocol
        let owner: HTTPFields

        var publicURL: String { self.fixture.links.publicURL }
    }

    /// Runs `body` with a live server and a Sandbox whose apps redirect to its callbacks.
    static func withConsents(_ body: @escaping @Sendable (Context) async throws -> Void) async throws {
        let sandbox = try Sandbox(logger: Self.logger)
        try await sandbox.serving(logger: Self.logger) { root in
            try await AppFixture.run(live: true) { fixture, client in
                let context = Context(
                    sandbox: sandbox, root: root, fixture: fixture, client: client, owner: try await fixture.adminHeaders(fixture.owner))
                for provider in Sandbox.providers {
                    await sandbox.registerRedirect(provider, to: "\(context.publicURL)/oauth/\(provider.rawValue)/callback")
                }
                try await body(context)
            }
        }
    }

    /// Creates a `provider` instance at the Sandbox with only its app's credentials; answers its id.
    static func pending(_ provider: Provider, _ context: Context) async throws -> String {
        let base = Sandbox.baseURL(provider, root: context.root)
        let input: [String: Any] = [
            "provider": provider.rawValue.uppercased(), "name": "Consent \(provider.rawValue)", "apiBaseUrl": base,
            "connectionSettings": SandboxCredentials.settings(provider, baseURL: base),
            "credentials": SandboxCredentials.appCredentials(provider).map { ["name": $0.key, "value": $0.value] },
        ]
        let (_, created) = try await context.client.graphQL(IntegrationsHTTPTests.create, variables: ["input": input], headers: context.owner)
        #expect(value(created, "integrationInstanceCreate", "integrationInstance", "status") as? String == "PENDING", "\(created)")
        return try #require(value(created, "integrationInstanceCreate", "integrationInstance", "id") as? String, "\(created)")
    }

    /// The consent page's URL for instance `id`.
    static func start(_ id: String, _ context: Context) async throws -> String {
        let (_, body) = try await context.client.graphQL(Self.authorize, variables: ["id": id], headers: context.owner)
        return try #require(value(body, "integrationInstanceAuthorize", "authorization", "url") as? String, "\(body)")
    }

    /// GETs `url` as a browser would; answers the status and the redirect's target.
    static func visit(_ url: String) async throws -> (status: Int, location: String?) {
        let response = try await Self.browser.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "location"))
    }

    /// Follows the consent page to Switchyard's callback (the seller approves at once in the Sandbox); answers the
    /// callback URL with the provider's answer, or the admin page for WooCommerce, whose keys arrive by server post.
    static func consent(_ url: String) async throws -> String {
        let consent = try await Self.visit(url)
        #expect(consent.status == 302, "the consent page at \(url) answered \(consent.status)")
        return try #require(consent.location)
    }

    static func instance(_ id: String, _ context: Context) async throws -> [String: Any] {
        let (_, body) = try await context.client.graphQL(Self.instance, variables: ["id": id], headers: context.owner)
        return try #require(value(body, "node") as? [String: Any], "\(body)")
    }

    /// The instance's admin page: its number after the frontend's `/integrations/`.
    static func adminPage(_ id: String) -> String {
        "\(AppFixture.adminURL)/integrations/\(id.split(separator: "/").last ?? "")"
    }

    @Test(arguments: [Provider.amazon, .shopify, .ebay, .tiktok, .bigcommerce, .woocommerce])
    func aConsentConnectsTheInstanceAndItsOrdersArePulled(provider: Provider) async throws {
        try await Self.withConsents { context in
            let id = try await Self.pending(provider, context)
            let syncRefused = try await RemotePullTests.sync(id, context.client, context.owner)
            #expect((syncRefused["userErrors"] as? [[String: Any]])?.first?["code"] as? String == "INSTANCE_PENDING", "\(syncRefused)")

            let page = try await Self.consent(try await Self.start(id, context))
            if provider == .woocommerce {
                #expect(page.hasPrefix(Self.adminPage(id) + "?success=1&user_id="), "\(page)")
            } else {
                #expect(page.hasPrefix("\(context.publicURL)/oauth/\(provider.rawValue)/callback?"), "\(page)")
                let callback = try await Self.visit(page)
                #expect(callback.status == 302)
                #expect(callback.location == Self.adminPage(id) + "?authorization=connected", "\(callback)")
            }

            let connected = try await Self.instance(id, context)
            #expect(connected["status"] as? String == "CONNECTED", "\(connected)")
            let names = Set(connected["credentialNames"] as? [String] ?? [])
            #expect(ChannelAdapters.credentialKeys(for: provider).required.allSatisfy(names.contains), "\(names)")

            try await withRunningWorker(fastWorker(context.fixture.environment.database, context.fixture.jobs)) {
                _ = try await RemotePullTests.sync(id, context.client, context.owner)
                try await eventually("the pull with the granted credentials finishes") {
                    try await context.fixture.count("integrations.sync_runs WHERE status <> 'running'") == 1
                }
            }
            #expect(try await context.fixture.count("integrations.sync_runs WHERE status = 'succeeded'") == 1, "the granted credentials work")
            #expect(try await context.fixture.count("integrations.remote_orders") == 12)
            #expect(try await context.fixture.count("integrations.authorization_states") == 0, "the state is spent")
        }
    }

    @Test func aStateIsGoodOnceAndLapsesAfterFifteenMinutes() async throws {
        try await Self.withConsents { context in
            let id = try await Self.pending(.ebay, context)
            let lapsed = try await Self.consent(try await Self.start(id, context))
            context.fixture.clock.advance(by: 15 * 60 + 1)
            #expect(
                try await Self.visit(lapsed).location == Self.adminPage(id) + "?authorization=failed&reason=invalid_state",
                "back to the page it started from")
            #expect(try await Self.instance(id, context)["status"] as? String == "PENDING")

            let answer = try await Self.consent(try await Self.start(id, context))
            #expect(try await Self.visit(answer).location == Self.adminPage(id) + "?authorization=connected")
            let rotate = """
                mutation($id: ID!, $input: IntegrationInstanceUpdateInput!) { integrationInstanceUpdate(id: $id, input: $input) { userErrors { code } } }
                """
            let appOnly = SandboxCredentials.appCredentials(.ebay).map { ["name": $0.key, "value": $0.value] }
            _ = try await context.client.graphQL(rotate, variables: ["id": id, "input": ["credentials": appOnly]], headers: context.owner)
            let rotated = try await Self.instance(id, context)
            #expect(rotated["status"] as? String == "CONNECTED", "rotating the app's credentials keeps the consent: \(rotated)")
            #expect((rotated["credentialNames"] as? [String] ?? []).contains("refresh_token"))
            #expect(
                try await Self.visit(answer).location == "\(AppFixture.adminURL)/integrations?authorization=failed&reason=invalid_state",
                "a spent state is unknown")
            #expect(
                try await Self.visit("\(context.publicURL)/oauth/ebay/callback?code=x&state=not-a-state").location
                    == "\(AppFixture.adminURL)/integrations?authorization=failed&reason=invalid_state")
        }
    }

    @Test func aForgedDeclinedOrMisdirectedAnswerChangesNothing() async throws {
        try await Self.withConsents { context in
            let shop = try await Self.pending(.shopify, context)
            let answer = try await Self.consent(try await Self.start(shop, context))
            let forged = answer.replacingOccurrences(of: "code=", with: "code=forged")
            #expect(try await Self.visit(forged).location == Self.adminPage(shop) + "?authorization=failed&reason=authorization_refused")
            let after = try await Self.instance(shop, context)
            #expect(after["status"] as? String == "PENDING")
            #expect(Set(after["credentialNames"] as? [String] ?? []) == Set(SandboxCredentials.appCredentials(.shopify).keys))

            let amazon = try await Self.pending(.amazon, context)
            let consent = try #require(URLComponents(string: try await Self.start(amazon, context)))
            let state = try #require(consent.queryItems?.first { $0.name == "state" }?.value)
            let declined = "\(context.publicURL)/oauth/amazon/callback?state=\(state)&error=access_denied"
            #expect(try await Self.visit(declined).location == Self.adminPage(amazon) + "?authorization=failed&reason=authorization_refused")

            let elsewhere = try #require(
                URLComponents(string: try await Self.start(amazon, context))?.queryItems?.first { $0.name == "state" }?.value)
            #expect(
                try await Self.visit("\(context.publicURL)/oauth/ebay/callback?code=x&state=\(elsewhere)").location
                    == "\(AppFixture.adminURL)/integrations?authorization=failed&reason=invalid_state", "another provider's state")
            #expect(try await Self.instance(amazon, context)["status"] as? String == "PENDING")

            let started = try #require(URLComponents(string: try await Self.start(amazon, context))?.queryItems?.first { $0.name == "state" }?.value)
            let bogusCode = "\(context.publicURL)/oauth/amazon/callback?state=\(started)&spapi_oauth_code=never-issued&selling_partner_id=A1"
            #expect(
                try await Self.visit(bogusCode).location == Self.adminPage(amazon) + "?authorization=failed&reason=channel_rejected",
                "the token endpoint refuses a code it never issued")

            let woo = try await Self.pending(.woocommerce, context)
            let wooState = try #require(URLComponents(string: try await Self.start(woo, context))?.queryItems?.first { $0.name == "user_id" }?.value)
            _ = try await context.client.graphQL(
                "mutation($id: ID!) { integrationInstanceDisconnect(id: $id) { userErrors { code } } }", variables: ["id": woo],
                headers: context.owner)
            #expect(
                try await context.fixture.count("integrations.authorization_states WHERE instance_id = \(woo.split(separator: "/").last ?? "")") == 0,
                "disconnecting drops the consent")

            var post = HTTPClientRequest(url: "\(context.publicURL)/oauth/woocommerce/callback")
            post.method = .POST
            post.headers.add(name: "Content-Type", value: "application/json")
            post.body = .bytes(
                ByteBuffer(
                    string: #"{"key_id":1,"user_id":"\#(wooState)","consumer_key":"ck_x","consumer_secret":"cs_x","key_permissions":"read_write"}"#))
            let refused = try await Self.browser.execute(post, timeout: .seconds(30))
            let body = String(buffer: try await refused.body.collect(upTo: 1 << 20))
            #expect(refused.status.code == 422 && body.contains("invalid_state"), "a late post after a disconnect: \(refused.status) \(body)")
            #expect(try await Self.instance(woo, context)["status"] as? String == "DISCONNECTED")
        }
    }

    @Test func providersSayHowTheyConnectAndOnlyAdminsStartAConsent() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let setup = """
                query($p: Provider!) { integrationAuthorizationSetup(provider: $p) { method callbackStyle callbackUrl appCredentials grantedCredentials } }
                """
            let (_, shopify) = try await client.graphQL(setup, variables: ["p": "SHOPIFY"], headers: owner)
            #expect(
                value(shopify, "integrationAuthorizationSetup") as? NSDictionary
                    == [
                        "method": "CONSENT", "callbackStyle": "BROWSER_REDIRECT", "callbackUrl": "http://127.0.0.1:8080/oauth/shopify/callback",
                        "appCredentials": ["client_id", "client_secret"], "grantedCredentials": ["access_token"],
                    ], "\(shopify)")
            let (_, woo) = try await client.graphQL(setup, variables: ["p": "WOOCOMMERCE"], headers: owner)
            #expect(value(woo, "integrationAuthorizationSetup", "callbackStyle") as? String == "SERVER_POST")
            let (_, walmart) = try await client.graphQL(setup, variables: ["p": "WALMART"], headers: owner)
            #expect(value(walmart, "integrationAuthorizationSetup", "method") as? String == "CREDENTIALS")
            #expect(value(walmart, "integrationAuthorizationSetup", "callbackUrl") is NSNull)

            func create(_ provider: String, _ credentials: [String: String]) async throws -> [String: Any] {
                let input: [String: Any] = [
                    "provider": provider, "name": "New \(provider) \(credentials.count)",
                    "credentials": credentials.map { ["name": $0.key, "value": $0.value] },
                ]
                return try await client.graphQL(IntegrationsHTTPTests.create, variables: ["input": input], headers: owner).1
            }
            func firstError(_ body: [String: Any], _ field: String) -> String? {
                value(body, field, "userErrors", 0, "code") as? String
            }
            let walmartInstance = try await create("WALMART", ["client_id": "id", "client_secret": "secret"])
            let walmartID = try #require(
                value(walmartInstance, "integrationInstanceCreate", "integrationInstance", "id") as? String, "\(walmartInstance)")
            #expect(value(walmartInstance, "integrationInstanceCreate", "integrationInstance", "status") as? String == "CONNECTED")
            let (_, refused) = try await client.graphQL(Self.authorize, variables: ["id": walmartID], headers: owner)
            #expect(firstError(refused, "integrationInstanceAuthorize") == "AUTHORIZATION_NOT_SUPPORTED", "\(refused)")
            #expect(firstError(try await create("WALMART", ["client_id": "id"]), "integrationInstanceCreate") == "MISSING_CREDENTIALS")
            #expect(
                value(try await create("SHOPIFY", ["client_secret": "secret"]), "integrationInstanceCreate", "userErrors", 0, "message") as? String
                    == "A shopify integration needs the credentials client_id.", "the consent page needs the app's id")
            let noApp = try await create("SHOPIFY", [:])
            #expect(
                value(noApp, "integrationInstanceCreate", "userErrors", 0, "message") as? String
                    == "A shopify integration needs the credentials client_secret, access_token.", "the app's own credentials are needed: \(noApp)")

            let pending = try await create("EBAY", ["client_id": "id", "client_secret": "secret"])
            let pendingID = try #require(value(pending, "integrationInstanceCreate", "integrationInstance", "id") as? String)
            #expect(value(pending, "integrationInstanceCreate", "integrationInstance", "status") as? String == "PENDING")
            let (_, byStaff) = try await client.graphQL(
                Self.authorize, variables: ["id": pendingID], headers: try await fixture.adminHeaders(fixture.staff))
            #expect(firstError(byStaff, "integrationInstanceAuthorize") == "INSUFFICIENT_ROLE", "\(byStaff)")
            let (_, unconfigured) = try await client.graphQL(Self.authorize, variables: ["id": pendingID], headers: owner)
            #expect(
                firstError(unconfigured, "integrationInstanceAuthorize") == "CHANNEL_NOT_CONFIGURED",
                "the RuName and API root are settings the consent needs: \(unconfigured)")
            #expect(try await fixture.count("integrations.authorization_states") == 0)
        }
    }
}
