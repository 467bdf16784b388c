/// A filter input that combines itself: `and` (all hold), `or` (any holds), `not` (does not hold), beside its own
/// field conditions, which must all hold too.
public protocol CompoundFilter: Sendable {
    var and: [Self]? { get }
    var or: [Self]? { get }
    var not: Indirect<Self>? { get }
}

/// A value held by reference, so a filter can contain a filter of its own type (`not`).
public final class Indirect<Value: Sendable>: Sendable {
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }
}

extension Indirect: Decodable where Value: Decodable {
    public convenience init(from decoder: any Decoder) throws {
        self.init(try Value(from: decoder))
    }
}

extension Indirect: Equatable where Value: Equatable {
    public static func == (lhs: Indirect, rhs: Indirect) -> Bool { lhs.value == rhs.value }
}
