/// Who changed stock and through which surface, as the ledger records it.
public struct StockActor: Sendable, Equatable {
    public let name: String
    public let source: StockSource

    public init(name: String, source: StockSource) {
        self.name = name
        self.source = source
    }
}

/// The surface a stock change came through.
public enum StockSource: String, Sendable, CaseIterable, Codable {
    /// The sales-channel REST surface (seed `004_…`).
    case api
    /// The admin query language.
    case admin
    /// A committed reservation.
    case reservation
    /// A demo or import file.
    case seed
}
