/// Ascending or descending.
public enum SortDirection: String, Sendable, Equatable, Decodable {
    case asc = "ASC"
    case desc = "DESC"
}

/// One key of a list's `sort: [{field, direction}]`; lists add their id as the last key so order is stable.
public struct ListSort<Field: Sendable & Equatable & Decodable>: Sendable, Equatable, Decodable {
    public var field: Field
    public var direction: SortDirection

    public init(_ field: Field, _ direction: SortDirection = .asc) {
        self.field = field
        self.direction = direction
    }

    private enum CodingKeys: String, CodingKey {
        case field, direction
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.field = try container.decode(Field.self, forKey: .field)
        self.direction = try container.decodeIfPresent(SortDirection.self, forKey: .direction) ?? .asc
    }
}
