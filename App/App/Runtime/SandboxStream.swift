import Sandbox
import ServiceLifecycle

/// Keeps the Sandbox's stores moving in dev: every `interval`, a new and an updated order on every channel (whose webhooks
/// follow to Switchyard).
struct SandboxStream: Service {
    let sandbox: Sandbox
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try await Task.sleep(for: self.interval)
            await self.sandbox.advance(newOrders: 1, updates: 1)
        }
    }
}
