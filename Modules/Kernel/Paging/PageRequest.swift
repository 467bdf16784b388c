/// A validated request for one page of a keyset-paginated list, Relay style.
public struct PageRequest: Hashable, Sendable {
    public enum Direction: Hashable, Sendable {
        /// `first` rows after `after`.
        case forward
        /// `last` rows before `before`.
        case backward
    }

    public static let defaultSize = 50
    public static let maximumSize = 250

    public let size: Int
    public let direction: Direction
    public let cursor: Cursor?

    /// Builds a page request from Relay arguments; refuses mixing directions and sizes outside 1...250.
    public init(first: Int? = nil, after: String? = nil, last: Int? = nil, before: String? = nil) throws(PagingError) {
        if first != nil || after != nil, last != nil || before != nil {
            throw .mixedDirections
        }
        if let last {
            guard (1...Self.maximumSize).contains(last) else { throw .sizeOutOfRange(argument: "last", value: last) }
            self.size = last
            self.direction = .backward
            self.cursor = try before.map { text throws(PagingError) in try Cursor(encoded: text) }
        } else if before != nil {
            self.size = Self.defaultSize
            self.direction = .backward
            self.cursor = try before.map { text throws(PagingError) in try Cursor(encoded: text) }
        } else {
            let size = first ?? Self.defaultSize
            guard (1...Self.maximumSize).contains(size) else { throw .sizeOutOfRange(argument: "first", value: size) }
            self.size = size
            self.direction = .forward
            self.cursor = try after.map { text throws(PagingError) in try Cursor(encoded: text) }
        }
    }
}
