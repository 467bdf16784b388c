import Channels
import Foundation
import Hummingbird
import Kernel
import NIOCore

/// `/_sandbox`: what a developer or a test uses to steer the simulator.
///
/// - `GET /_sandbox` — the channels, their API roots, the credentials they accept and the connection settings they need
/// - `POST /_sandbox/faults` — queue a `Fault`; `DELETE /_sandbox/faults` — clear faults and the call log
/// - `GET /_sandbox/calls?provider=` — every provider call answered, with status and arrival time
/// - `POST /_sandbox/advance` `{newOrders, updates, refunds}` — new, updated and refunded orders on every channel (webhooks follow)
/// - `PUT /_sandbox/webhook-targets/{provider}` `{url, duplicates, outOfOrder}` — where a channel sends webhooks
/// - `PUT /_sandbox/oauth-redirects/{provider}` `{url}` — the redirect registered for a channel's app (its consent page
///   sends sellers there)
/// - `POST /_sandbox/webhooks/{provider}` `{url, orderId, duplicates, outOfOrder}` — send one order's webhook now
/// - `GET /_sandbox/stock/{provider}` — the quantities a channel shows
struct SandboxControlRoutes {
    let sandbox: Sandbox

    struct Advance: Decodable {
        var newOrders: Int?
        var updates: Int?
        var refunds: Int?
    }

    static func strings(_ values: [String: String]) -> JSONValue {
        .object(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    struct Redirect: Decodable {
        let url: String
    }

    struct Send: Decodable {
        let url: String
        let orderId: String?
        var duplicates: Int?
        var outOfOrder: Bool?
    }

    func add(to group: RouterGroup<BasicRequestContext>) {
        let sandbox = self.sandbox
        group.get { request, _ in
            let root = "http://\(request.head.authority ?? "127.0.0.1")"
            return SandboxHTTP.json(
                .array(
                    SandboxChannels.providers.map { provider in
                        let base = Sandbox.baseURL(provider, root: root)
                        return .members([
                            "provider": .string(provider.rawValue), "baseUrl": .string(base),
                            "credentials": Self.strings(SandboxCredentials.credentials(provider)),
                            "settings": Self.strings(SandboxCredentials.settings(provider, baseURL: base)),
                        ])
                    }))
        }
        group.post("faults") { request, context in
            let fault = try await request.decode(as: Fault.self, context: context)
            await sandbox.control.add(fault)
            return SandboxHTTP.empty(status: 201)
        }
        group.delete("faults") { _, _ in
            await sandbox.control.clear()
            return SandboxHTTP.empty(status: 204)
        }
        group.get("calls") { request, _ in
            let provider = SandboxHTTP.query(request, "provider").flatMap(Provider.init(rawValue:))
            let calls = await sandbox.control.calls(provider)
            return SandboxHTTP.json(
                .array(
                    calls.map {
                        .members([
                            "provider": .string($0.provider.rawValue), "method": .string($0.method), "path": .string($0.path),
                            "status": .number($0.status), "at": .string(ISO8601.string(from: $0.at)), "early": .bool($0.early),
                        ])
                    }))
        }
        group.post("advance") { request, context in
            let advance = try await request.decode(as: Advance.self, context: context)
            let changed = await sandbox.advance(newOrders: advance.newOrders ?? 1, updates: advance.updates ?? 1, refunds: advance.refunds ?? 0)
            return SandboxHTTP.json(
                .object(changed.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .array($0.value.map { .string($0.id) })) }))
        }
        group.put("webhook-targets/:provider") { request, context in
            let provider = try Self.provider(context)
            await sandbox.webhooks.register(try await request.decode(as: SandboxWebhooks.Target.self, context: context), for: provider)
            return SandboxHTTP.empty(status: 204)
        }
        group.put("oauth-redirects/:provider") { request, context in
            let provider = try Self.provider(context)
            await sandbox.registerRedirect(provider, to: try await request.decode(as: Redirect.self, context: context).url)
            return SandboxHTTP.empty(status: 204)
        }
        group.post("webhooks/:provider") { request, context in
            let provider = try Self.provider(context)
            let send = try await request.decode(as: Send.self, context: context)
            let orders = await sandbox.store.allOrders(provider)
            guard let order = send.orderId.map({ id in orders.first { $0.id == id } }) ?? orders.last else {
                throw HTTPError(.notFound, message: "No such order in the \(provider.rawValue) sandbox.")
            }
            let statuses = try await sandbox.deliverWebhooks(
                provider, orders: [order], to: send.url, duplicates: send.duplicates ?? 0, outOfOrder: send.outOfOrder ?? false)
            return SandboxHTTP.json(.members(["statuses": .array(statuses.map { .number($0) })]))
        }
        group.get("stock/:provider") { _, context in
            let levels = await sandbox.store.stockLevels(try Self.provider(context))
            return SandboxHTTP.json(.object(levels.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))
        }
    }

    static func provider(_ context: BasicRequestContext) throws -> Provider {
        guard let provider = context.parameters.get("provider").flatMap(Provider.init(rawValue:)), provider != .partner else {
            throw HTTPError(.notFound, message: "The sandbox plays amazon, shopify, ebay, walmart, woocommerce, bigcommerce, tiktok and magento.")
        }
        return provider
    }
}
