import GraphQL
import OrderedCollections

/// Serves `__schema` and `__type` with GraphQLSwift's own executor: introspection is rare and its executor implements
/// it completely. Only the introspection fields of the operation are sent to it, and their values are spliced into the
/// response by response key.
enum IntrospectionRunner {
    private static let noRules: [@Sendable (ValidationContext) -> Visitor] = [{ _ in Visitor() }]

    static func run(
        schema: GraphQLSchema, document: Document, operation: OperationDefinition, keys: [String], variables: [String: Map]
    ) async -> [String: [UInt8]] {
        let fields = operation.selectionSet.selections.compactMap { $0 as? Field }.filter {
            keys.contains($0.alias?.value ?? $0.name.value)
        }
        let variableDefinitions = operation.variableDefinitions.map { print(ast: $0) }.joined(separator: ", ")
        let fragments = document.definitions.compactMap { $0 as? FragmentDefinition }.map { print(ast: $0) }
        let text =
            "query" + (variableDefinitions.isEmpty ? "" : "(\(variableDefinitions))") + " {\n"
            + fields.map { print(ast: $0) }.joined(separator: "\n") + "\n}\n" + fragments.joined(separator: "\n")
        var values: [String: [UInt8]] = [:]
        guard
            let result = try? await graphql(
                schema: schema, request: text, variableValues: variables, validationRules: self.noRules),
            case .dictionary(let data)? = result.data
        else { return values }
        for key in keys {
            var writer = JSONWriter()
            writer.map(data[key] ?? .null)
            values[key] = writer.bytes
        }
        return values
    }
}
