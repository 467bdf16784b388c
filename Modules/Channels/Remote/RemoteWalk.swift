import Foundation
import Kernel
import Logging

/// One sync run over an adapter's pages of one kind of record, guarded against a continuation that never advances; the
/// parts a provider serves apart (order items, variations) are fetched only for records the walk has not seen (a page
/// served again costs no extra calls). Each page is handed to `receive` with the continuation that follows it, so the
/// caller can store both in one transaction and a later run resumes where this one stopped.
public enum RemoteWalk {
    public struct Outcome: Sendable, Equatable {
        public let pages: Int
        public let records: Int
        /// Where the next run should resume (`nil`: the walk reached the end).
        public let continuation: String?
        public let trip: PaginationGuard.Trip?
        /// The latest `updatedAt` among the records seen (or further, where a page walked past them): the next run's
        /// `updatedSince` once the walk has ended.
        public let newestChange: Date?
    }

    public static func run<Record: RemoteRecord>(
        _ adapter: any ChannelProvider, _ kind: Record.Type, since: Date, continuation: String?, maxPages: Int, pageSize: Int = 100,
        logger: Logger, receive: ([Record], _ continuation: String?) async throws -> Void
    ) async throws -> Outcome {
        let label = "\(type(of: adapter).provider.rawValue) \(Record.resource.rawValue)"
        var pageGuard = PaginationGuard(maxPages: maxPages, label: label, logger: logger)
        var next = continuation
        var records = 0
        var newest: Date?
        while true {
            let page = try await Record.fetch(PullQuery(updatedSince: since, continuation: next, pageSize: pageSize), from: adapter)
            let verdict = pageGuard.admit(contentKeys: page.walkedKeys + page.records.map(\.contentKey), token: page.continuation)
            var received: [Record] = []
            for index in verdict.freshIndices where index >= page.walkedKeys.count {
                received.append(try await page.records[index - page.walkedKeys.count].completed(by: adapter))
            }
            try await receive(received, verdict.next)
            records += received.count
            newest = (received.compactMap(\.updatedAt) + [page.walkedThrough].compactMap { $0 }).reduce(newest) { max($0 ?? $1, $1) }
            next = verdict.next
            if next == nil || verdict.trip != nil {
                return Outcome(pages: pageGuard.pages, records: records, continuation: next, trip: verdict.trip, newestChange: newest)
            }
        }
    }
}
