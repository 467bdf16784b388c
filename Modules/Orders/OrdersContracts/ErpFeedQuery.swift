import Foundation

/// What the ERP asks of `GET /api/v1/orders` or `/refunds` (seed `001_…`): records changed at or after `since`, oldest
/// first, at most `limit`, of the given channels, optionally only those whose status is one of `statuses`.
public struct ErpFeedQuery: Sendable, Equatable {
    public static let defaultLimit = 100
    public static let maxLimit = 500
    /// How far back `since` reaches when the ERP does not say.
    public static let defaultLookback: TimeInterval = 86_400

    public let channels: [OrderChannel]
    public let since: Date
    public let limit: Int
    /// Lowercase, with `canceled` spelled `cancelled`; empty for every status.
    public let statuses: [String]

    public init(channels: [OrderChannel], since: Date, limit: Int, statuses: [String] = []) {
        self.channels = channels
        self.since = since
        self.limit = limit
        self.statuses = statuses
    }
}

extension ErpFeedQuery {
    /// The statuses an ERP filters by (seed `001_…`: `status=cancelled`, `statuses=paid,cancelled` or repeated
    /// `statuses[]`), lowercased and with the American `canceled` taken as `cancelled`. An order matches by its channel
    /// status, its payment status or its canonical status, so `cancelled` finds Amazon's `Canceled` and eBay's
    /// `CANCELED` alike.
    public static func statuses(single: String?, multiple: [String]) -> [String] {
        let given = ([single].compactMap { $0 } + multiple).flatMap { $0.split(separator: ",") }
        let spelled = given.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return Array(Set(spelled.map { $0 == "canceled" ? "cancelled" : $0 })).sorted()
    }
}
