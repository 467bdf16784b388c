/// Why a schema could not be built at start-up: the SDL is invalid, or the SDL and the resolvers disagree.
public struct SchemaError: Error, Sendable, CustomStringConvertible {
    public let problems: [String]

    public init(problems: [String]) {
        self.problems = problems
    }

    public var description: String {
        "The query schema cannot be used:\n" + self.problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
