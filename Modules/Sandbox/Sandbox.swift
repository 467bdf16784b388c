import AsyncHTTPClient
import Channels
import Foundation
import Hummingbird
import Kernel
import Logging

/// A local simulator of every provider's API: deterministic stores served in each provider's own format under
/// `/{provider}`, signed webhooks, and fault injection through `/_sandbox`. `switchyard sandbox` runs it alone;
/// `switchyard dev` and the tests run it beside Switchyard.
public struct Sandbox: Sendable {
    public struct Configuration: Sendable {
        public var seed: UInt64
        public var ordersPerChannel: Int
        /// The stores' clock at start: the seeded orders were placed in the hours before it.
        public var now: Date

        public init(seed: UInt64 = 42, ordersPerChannel: Int = 12, now: Date = Date()) {
            self.seed = seed
            self.ordersPerChannel = ordersPerChannel
            self.now = now
        }
    }

    public let store: SandboxStore
    public let control: SandboxControl
    let templates: SandboxTemplates
    let webhooks: SandboxWebhooks
    let authorizations = SandboxAuthorizations()

    public init(configuration: Configuration = Configuration(), httpClient: HTTPClient = .shared, logger: Logger) throws {
        self.store = SandboxStore(seed: configuration.seed, ordersPerChannel: configuration.ordersPerChannel, now: configuration.now)
        self.control = SandboxControl()
        self.templates = try SandboxTemplates()
        self.webhooks = SandboxWebhooks(client: httpClient, logger: logger)
    }

    /// The providers the sandbox plays (every one but `partner`).
    public static let providers = SandboxChannels.providers

    /// Where `provider`'s webhooks go from now on (`nil`: nowhere).
    public func sendWebhooks(_ provider: Provider, to url: String?) async {
        await self.webhooks.register(url.map { SandboxWebhooks.Target(url: $0) }, for: provider)
    }

    /// Registers `url` as the redirect of `provider`'s app (its consent page sends sellers there; `nil`: none).
    public func registerRedirect(_ provider: Provider, to url: String?) async {
        await self.authorizations.register(url, for: provider)
    }

    /// The API root of `provider` on a sandbox listening at `root` (e.g. `http://127.0.0.1:8090`).
    public static func baseURL(_ provider: Provider, root: String) -> String {
        "\(root)/\(provider.rawValue)"
    }

    public func buildRouter() -> Router<BasicRequestContext> {
        let router = Router()
        for provider in SandboxChannels.providers {
            let group = router.group(RouterPath(provider.rawValue)).add(middleware: ProviderCallMiddleware(provider: provider, control: self.control))
            SandboxChannels.type(for: provider).addRoutes(to: group, sandbox: self)
        }
        SandboxControlRoutes(sandbox: self).add(to: router.group("_sandbox"))
        return router
    }

    /// The server on `host:port`; `onServerRunning` learns the port actually bound (ask for 0 to get a free one).
    public func application(
        host: String = "127.0.0.1", port: Int, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        -> some ApplicationProtocol
    {
        Application(
            router: self.buildRouter(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "switchyard-sandbox"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves the sandbox on a free loopback port while `body` runs, handing it the root URL (`http://127.0.0.1:PORT`).
    public func serving<Result: Sendable>(logger: Logger, _ body: (String) async throws -> Result) async throws -> Result {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = self.application(port: 0, logger: logger) { port in continuation.yield(port) }
        let server = Task { try await application.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        return try await body("http://127.0.0.1:\(port)")
    }

    /// Sends `provider`'s signed delivery for each of `orders` to `url`, each `1 + duplicates` times; with `outOfOrder`
    /// the newest change goes first. Answers the status of every attempt.
    public func deliverWebhooks(
        _ provider: Provider, orders: [SandboxOrder], to url: String, duplicates: Int = 0, outOfOrder: Bool = false, now: Date = Date()
    ) async throws -> [Int] {
        let channel = SandboxChannels.type(for: provider)
        var statuses: [Int] = []
        for order in outOfOrder ? orders.reversed() : orders {
            let delivery = try channel.webhook(for: order, sandbox: self, now: now)
            for _ in 0...max(0, duplicates) { statuses.append(await self.webhooks.send(delivery, to: url)) }
        }
        return statuses
    }

    /// `provider`'s signed delivery announcing that `order` changed: its headers and body.
    public func webhook(_ provider: Provider, for order: SandboxOrder, now: Date = Date()) throws -> (
        headers: [(name: String, value: String)], body: [UInt8]
    ) {
        let delivery = try SandboxChannels.type(for: provider).webhook(for: order, sandbox: self, now: now)
        return (delivery.headers, delivery.body)
    }

    /// The stream of new and updated orders: changes every store and delivers webhooks to the registered targets.
    @discardableResult
    public func advance(newOrders: Int, updates: Int, refunds: Int = 0, now: Date = Date()) async -> [Provider: [SandboxOrder]] {
        let changed = await self.store.advance(newOrders: newOrders, updates: updates, refunds: refunds, at: now)
        for (provider, orders) in changed {
            guard let target = await self.webhooks.target(provider) else { continue }
            _ = try? await self.deliverWebhooks(
                provider, orders: orders, to: target.url, duplicates: target.duplicates, outOfOrder: target.outOfOrder, now: now)
        }
        return changed
    }
}
