/// Conditions on a text field, as list filters accept them: every given operator must hold.
public struct StringFilter: Sendable, Equatable, Decodable {
    public var eq: String?
    public var `in`: [String]?
    /// Case-insensitive substring.
    public var contains: String?
    public var isNull: Bool?

    public init(eq: String? = nil, in values: [String]? = nil, contains: String? = nil, isNull: Bool? = nil) {
        self.eq = eq
        self.in = values
        self.contains = contains
        self.isNull = isNull
    }
}
