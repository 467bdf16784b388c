import Logging

/// The defences of seed `001_…` against a continuation token that never advances (Amazon has served a fresh token with
/// the same items, forever): items are de-duplicated by a content key, and the walk stops when a token repeats, when a
/// page brings nothing new, or at a hard page cap. Each trip logs a warning.
public struct PaginationGuard: Sendable {
    public enum Trip: String, Sendable, Equatable {
        case repeatedToken = "repeated_token"
        case noNewItems = "no_new_items"
        case pageCap = "page_cap"
    }

    /// What to do after a page: keep its new items (by index) and go on with `next`, or stop. At the page cap `next` is
    /// kept, so a caller that pages across runs can resume there; the other trips drop it.
    public struct Verdict: Sendable, Equatable {
        public let freshIndices: [Int]
        public let next: String?
        public let trip: Trip?
    }

    let maxPages: Int
    let label: String
    let logger: Logger
    private var tokens: Set<String> = []
    private var keys: Set<String> = []
    private(set) var pages = 0

    public init(maxPages: Int, label: String, logger: Logger) {
        self.maxPages = maxPages
        self.label = label
        self.logger = logger
    }

    /// Admits a page whose items have `contentKeys` and which names `token` as the next page.
    public mutating func admit(contentKeys: [String], token: String?) -> Verdict {
        self.pages += 1
        var fresh: [Int] = []
        for (index, key) in contentKeys.enumerated() where self.keys.insert(key).inserted { fresh.append(index) }
        guard let token, !token.isEmpty else { return Verdict(freshIndices: fresh, next: nil, trip: nil) }
        let trip: Trip? =
            !self.tokens.insert(token).inserted
            ? .repeatedToken
            : fresh.isEmpty
                ? .noNewItems
                : self.pages >= self.maxPages ? .pageCap : nil
        if let trip {
            self.logger.warning(
                "pagination stopped: the continuation token is not advancing",
                metadata: ["walk": "\(self.label)", "defence": "\(trip.rawValue)", "pages": "\(self.pages)"])
        }
        return Verdict(freshIndices: fresh, next: trip == nil || trip == .pageCap ? token : nil, trip: trip)
    }
}
