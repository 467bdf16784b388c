import AsyncHTTPClient
import Foundation
import Kernel
import Logging
import NIOCore
import NIOHTTP1

/// Where each sandbox channel sends its webhooks, and the sending itself.
actor SandboxWebhooks {
    struct Target: Sendable, Codable {
        let url: String
        var duplicates: Int = 0
        var outOfOrder: Bool = false
    }

    private let client: HTTPClient
    private let logger: Logger
    private var targets: [Provider: Target] = [:]

    init(client: HTTPClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    func register(_ target: Target?, for provider: Provider) {
        self.targets[provider] = target
    }

    func target(_ provider: Provider) -> Target? {
        self.targets[provider]
    }

    /// Posts one delivery; answers the receiver's status (0 when it could not be reached).
    nonisolated func send(_ delivery: SandboxDelivery, to url: String) async -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in delivery.headers { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: delivery.body))
        do {
            let response = try await self.client.execute(request, timeout: .seconds(10))
            _ = try await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            self.logger.warning("sandbox webhook not delivered", metadata: ["url": "\(url)", "error": "\(error)"])
            return 0
        }
    }
}
