import Channels
import Foundation
import Hummingbird
import Kernel
import Logging
import Sandbox

/// A sandbox listening on a free loopback port for one test, and adapters pointed at it.
struct RunningSandbox {
    let sandbox: Sandbox
    let root: String
    let logs: LogCapture

    static let now = Date()
    /// Retries fast so fault tests finish quickly; waits in place up to 5 s.
    static let policy = ChannelHTTP.Policy(attempts: 5, baseDelay: 0.05, maxInlineWait: 5, timeout: 10)

    static func run<Result: Sendable>(
        ordersPerChannel: Int = 12, _ body: (RunningSandbox) async throws -> Result
    ) async throws -> Result {
        let logs = LogCapture()
        let logger = Logger(label: "sandbox") { _ in SwiftLogNoOpLogHandler() }
        let sandbox = try Sandbox(configuration: Sandbox.Configuration(seed: 7, ordersPerChannel: ordersPerChannel, now: Self.now), logger: logger)
        return try await sandbox.serving(logger: logger) { root in try await body(RunningSandbox(sandbox: sandbox, root: root, logs: logs)) }
    }

    func baseURL(_ provider: Provider) -> String {
        Sandbox.baseURL(provider, root: self.root)
    }

    /// An adapter for `provider` configured exactly as the demo tenant's sandbox instances are.
    func adapter(_ provider: Provider, policy: ChannelHTTP.Policy = RunningSandbox.policy) -> any ChannelProvider {
        let base = self.baseURL(provider)
        let context = ChannelContext(
            connection: ChannelConnection(
                instanceKey: "test/\(provider.rawValue)/\(UUID())", baseURL: base,
                credentials: ChannelCredentials(SandboxCredentials.credentials(provider)),
                settings: SandboxCredentials.settings(provider, baseURL: base)),
            http: ChannelHTTP(policy: policy),
            signingKeys: EbayNotificationKeys(
                apiBaseURL: base, credentials: ChannelCredentials(SandboxCredentials.credentials(provider)), http: ChannelHTTP(),
                cache: EbayNotificationKeys.Cache()),
            logger: Logger(label: "channels") { _ in self.logs })
        return ChannelAdapters.adapter(for: provider, context: context)!
    }
}

/// Keeps every log message, so a test can assert that a warning was logged.
final class LogCapture: LogHandler, @unchecked Sendable {
    // Every access to `entries` goes through `lock`; `metadata` and `logLevel` (which LogHandler requires to be settable)
    // are never changed by these tests once the logger is built.
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String, metadata: Logger.Metadata)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        self.lock.withLock { self.entries.append((event.level, "\(event.message)", event.metadata ?? [:])) }
    }

    var warnings: [(message: String, metadata: Logger.Metadata)] {
        self.lock.withLock { self.entries.filter { $0.level == .warning }.map { ($0.message, $0.metadata) } }
    }
}
