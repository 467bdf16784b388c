import Channels
import Foundation
import IntegrationsContracts
import Kernel
import Synchronization

/// Webhook keys resolved to their instance with the credentials already opened, kept for a few seconds so a burst of
/// deliveries does not look the key up and decrypt the credentials once per delivery. This process forgets an instance as
/// soon as it changes it (`forget`); a change made by another process is seen within `lifetime`.
final class WebhookRouteCache: Sendable {
    struct Entry: Sendable {
        let route: WebhookRoute
        let credentials: ChannelCredentials
    }

    private struct Stored {
        let entry: Entry
        let expires: ContinuousClock.Instant
    }

    static let lifetime = Duration.seconds(5)
    static let capacity = 10_000

    private let entries = Mutex([String: Stored]())

    /// The entry for `key`, resolving it with `resolve` (and keeping the answer) when it is unknown or expired; `nil`
    /// answers are not kept.
    func entry(for key: String, resolve: () async throws -> Entry?) async throws -> Entry? {
        let now = ContinuousClock.now
        if let stored = self.entries.withLock({ $0[key] }), stored.expires > now { return stored.entry }
        guard let entry = try await resolve() else { return nil }
        self.entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Stored(entry: entry, expires: now + Self.lifetime)
        }
        return entry
    }

    func forget(_ instance: IntegrationInstanceID, tenant: TenantID) {
        self.entries.withLock { entries in
            entries = entries.filter { $0.value.entry.route.instance != instance || $0.value.entry.route.tenant != tenant }
        }
    }
}
