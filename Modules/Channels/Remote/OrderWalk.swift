import Foundation
import Kernel
import Logging

/// One sync run over an adapter's order pages, guarded against a continuation that never advances; lines are fetched only
/// for orders the walk has not seen (a page served again costs no line calls). Each page is handed
/// to `receive` with the continuation that follows it, so the caller can store both in one transaction and a later run
/// resumes where this one stopped.
public enum OrderWalk {
    public struct Outcome: Sendable, Equatable {
        public let pages: Int
        public let orders: Int
        /// Where the next run should resume (`nil`: the walk reached the end).
        public let continuation: String?
        public let trip: PaginationGuard.Trip?
        /// The latest `updatedAt` among the orders seen: the next run's `updatedSince` once the walk has ended.
        public let newestChange: Date?
    }

    public static func run(
        _ adapter: any ChannelProvider, since: Date, continuation: String?, maxPages: Int, pageSize: Int = 100, logger: Logger,
        receive: ([RemoteOrder], _ continuation: String?) async throws -> Void
    ) async throws -> Outcome {
        var pageGuard = PaginationGuard(maxPages: maxPages, label: "\(type(of: adapter).provider.rawValue) orders", logger: logger)
        var next = continuation
        var orders = 0
        var newest: Date?
        while true {
            let page = try await adapter.fetchOrders(OrderQuery(updatedSince: since, continuation: next, pageSize: pageSize))
            let verdict = pageGuard.admit(contentKeys: page.orders.map(\.contentKey), token: page.continuation)
            var fresh: [RemoteOrder] = []
            for index in verdict.freshIndices { fresh.append(page.orders[index].with(lines: try await adapter.orderLines(page.orders[index]))) }
            try await receive(fresh, verdict.next)
            orders += fresh.count
            newest = fresh.compactMap(\.updatedAt).reduce(newest) { max($0 ?? $1, $1) }
            next = verdict.next
            if next == nil || verdict.trip != nil {
                return Outcome(pages: pageGuard.pages, orders: orders, continuation: next, trip: verdict.trip, newestChange: newest)
            }
        }
    }
}
