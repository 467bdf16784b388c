import Foundation
import Kernel

/// A seller's consent, started: the provider's page to send the seller's browser to, and when the offer lapses.
public struct AuthorizationStart: Sendable, Equatable {
    public let url: String
    public let expiresAt: Date

    public init(url: String, expiresAt: Date) {
        self.url = url
        self.expiresAt = expiresAt
    }
}
