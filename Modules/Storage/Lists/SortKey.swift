/// A column a list may be ordered by, and how its values travel inside cursors.
public struct SortKey: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case int64
        case text
        /// `timestamptz`, carried as whole microseconds since 1970 so no precision is lost.
        case timestamp
    }

    /// Microseconds from 1970 a cursor's timestamp may carry (about ±9,500 years): PostgreSQL's range, and nothing a
    /// row of ours holds lies outside it.
    static let largestTimestampMicroseconds: Int64 = 300_000_000_000_000_000

    public let column: String
    public let kind: Kind
    public let descending: Bool

    public init(_ column: String, _ kind: Kind, descending: Bool) {
        self.column = column
        self.kind = kind
        self.descending = descending
    }

    /// The expression selected into the cursor.
    var cursorExpression: String {
        switch self.kind {
        case .int64, .text: self.column
        case .timestamp: "(extract(epoch FROM \(self.column)) * 1000000)::int8"
        }
    }

    /// The SQL value a cursor's bound parameter stands for.
    func boundary(_ placeholder: String) -> String {
        switch self.kind {
        case .int64: "\(placeholder)::int8"
        case .text: "\(placeholder)::text"
        case .timestamp: "(timestamptz 'epoch' + \(placeholder)::int8 * interval '1 microsecond')"
        }
    }
}
