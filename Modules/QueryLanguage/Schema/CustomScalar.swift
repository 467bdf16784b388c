import GraphQL

/// How the application reads a custom scalar (`DateTime`, `Decimal`, `JSON`, `URL`) from variables and literals:
/// `coerce` returns the value resolvers will see, or `nil` when the input is not a valid value of the scalar.
public struct CustomScalar: Sendable {
    public let name: String
    let coerce: @Sendable (Map) -> Map?

    public init(name: String, coerce: @escaping @Sendable (Map) -> Map?) {
        self.name = name
        self.coerce = coerce
    }
}
