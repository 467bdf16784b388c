import Sandbox
import ServiceLifecycle

/// Keeps the Sandbox's stores moving in dev: every `interval`, a new and an updated order on every channel (whose webhooks
/// follow to Switchyard). A graceful shutdown ends the wait at once.
struct SandboxStream: Service {
    let sandbox: Sandbox
    let interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            } catch {
                return
            }
            await self.sandbox.advance(newOrders: 1, updates: 1)
        }
    }
}
