import Foundation
import Kernel

/// `GET /api/v1/skus` (seed `001_…`): the listings of `channels`, active only unless `statuses` says otherwise, changed
/// at or after `since`, by id from `offset`.
public struct SkuFeedQuery: Sendable {
    public static let defaultLimit = 100
    public static let maxLimit = 500

    public let channels: [ChannelReference]
    /// The statuses admitted; `nil` for every status (`status=all`).
    public let statuses: [CanonicalListingStatus]?
    public let since: Date?
    public let limit: Int
    public let offset: Int

    public init(channels: [ChannelReference], statuses: [CanonicalListingStatus]?, since: Date?, limit: Int, offset: Int) {
        self.channels = channels
        self.statuses = statuses
        self.since = since
        self.limit = limit
        self.offset = offset
    }
}
