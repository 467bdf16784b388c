import Catalog
import CatalogContracts
import Foundation
import Hummingbird
import IdentityContracts
import Kernel
import Storage

/// The ERP API v1's catalog feed (seed `001_…` `GET /api/v1/skus`) for `erp` keys: every channel's listings (the item
/// masters an inventory update names), active only unless `status` says otherwise.
struct ErpCatalogRoutes {
    let database: Database

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("skus") { request, context in
            try context.requireScope(.erp)
            let parameters = request.uri.queryParameters
            let limit = try Self.wholeNumber(parameters.get("limit"), name: "limit", in: 1...SkuFeedQuery.maxLimit) ?? SkuFeedQuery.defaultLimit
            let offset = try Self.wholeNumber(parameters.get("offset"), name: "offset", in: 0...Int(Int32.max)) ?? 0
            let since = try parameters.get("since").map { text in
                guard let date = ISO8601.date(from: text) else {
                    throw CatalogError.invalidParameter(name: "since", reason: "must be an ISO 8601 timestamp, not '\(text.prefix(60))'.")
                }
                return date
            }
            let statuses = try Self.statuses(parameters.get("status"))
            let code = parameters.get("channel").flatMap(\.nilIfEmpty)
            let feed = try await self.database.withTenant(context.principal.tenant) { transaction in
                var channels = try await OrderChannels.all(in: transaction)
                if let code {
                    channels = channels.filter { $0.code == code.lowercased() }
                    if channels.isEmpty { throw CatalogError.unknownChannel(code) }
                }
                return try await CatalogReads.skuFeed(
                    SkuFeedQuery(channels: channels, statuses: statuses, since: since, limit: limit, offset: offset), in: transaction)
            }
            return Response.written(feed)
        }
    }

    /// `status`: absent for active only, `all` for every status, else one canonical status.
    private static func statuses(_ text: String?) throws -> [CanonicalListingStatus]? {
        guard let text, !text.isEmpty else { return [.active] }
        if text.lowercased() == "all" { return nil }
        guard let status = CanonicalListingStatus(rawValue: text.lowercased()) else {
            let known = CanonicalListingStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw CatalogError.invalidParameter(name: "status", reason: "must be all or one of \(known), not '\(text.prefix(40))'.")
        }
        return [status]
    }

    private static func wholeNumber(_ text: String?, name: String, in range: ClosedRange<Int>) throws -> Int? {
        try text.map { text in
            guard let number = Int(text), range.contains(number) else {
                throw CatalogError.invalidParameter(
                    name: name, reason: "must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text.prefix(40))'.")
            }
            return number
        }
    }
}
