import Foundation
import Kernel

/// What `GET /sales-channel/orders` asks (seed `002_…`): orders of `channels`, optionally of one aggregated status and
/// created within a window, newest first, one page of `pageSize`.
public struct AggregatedOrderQuery: Sendable, Equatable {
    public static let defaultPageSize = 50
    public static let maxPageSize = 250

    public let channels: [OrderChannel]
    public let status: CanonicalOrderStatus?
    public let from: Date?
    public let to: Date?
    /// From 1.
    public let page: Int
    public let pageSize: Int

    public init(channels: [OrderChannel], status: CanonicalOrderStatus?, from: Date?, to: Date?, page: Int, pageSize: Int) {
        self.channels = channels
        self.status = status
        self.from = from
        self.to = to
        self.page = page
        self.pageSize = pageSize
    }
}
