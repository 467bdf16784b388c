import GraphQL

/// Checks GraphQLSwift's validator cannot be given safely, done before it sees the document; the offending definitions
/// are reported here and blanked out (keeping every other location) before the rest is validated:
/// - ExecutableDefinitions: it mistakes a `schema { … }` block's operation types for operations and traps.
/// - A repeated, identical operation or fragment (always invalid: UniqueOperationNames, LoneAnonymousOperation or
///   UniqueFragmentNames): its definitions hash by identity but compare by structure, which traps its dictionaries.
struct ExecutableDocument {
    let errors: [QueryError]
    /// The document with only operations and fragments; `nil` if it could not be re-read.
    let document: Document?

    init(_ document: Document, text: String) {
        var removed: [any Definition] = []
        var errors: [QueryError] = []
        var operations: [OperationDefinition] = []
        var fragments: [FragmentDefinition] = []
        func report(_ message: String, _ definition: any Definition) {
            removed.append(definition)
            errors.append(
                QueryError(message: message, locations: [QueryError.SourcePoint(definition.loc)].compactMap { $0 }, code: "GRAPHQL_VALIDATION_FAILED")
            )
        }
        for definition in document.definitions {
            switch definition {
            case let operation as OperationDefinition:
                guard operations.contains(where: { $0 == operation }) else {
                    operations.append(operation)
                    continue
                }
                if let name = operation.name?.value {
                    report("There can be only one operation named \"\(name)\".", operation)
                } else {
                    report("This anonymous operation must be the only defined operation.", operation)
                }
            case let fragment as FragmentDefinition:
                guard fragments.contains(where: { $0 == fragment }) else {
                    fragments.append(fragment)
                    continue
                }
                report("There can be only one fragment named \"\(fragment.name.value)\".", fragment)
            default:
                report("The \(Self.name(of: definition)) definition is not executable.", definition)
            }
        }
        self.errors = errors
        guard !removed.isEmpty else {
            self.document = document
            return
        }
        // GraphQLSwift ends some definitions' locations early, so a definition is taken to run to the next one.
        var bytes = Array(text.utf8)
        let starts = document.definitions.compactMap { $0.loc?.start } + [bytes.count]
        for definition in removed {
            guard let start = definition.loc?.start, let end = starts.first(where: { $0 > start }) else { continue }
            for offset in max(0, start)..<min(bytes.count, end) where bytes[offset] != 0x0A && bytes[offset] != 0x0D {
                bytes[offset] = 0x20
            }
        }
        self.document = try? parse(source: Source(body: String(decoding: bytes, as: UTF8.self)))
    }

    private static func name(of definition: any Definition) -> String {
        switch definition {
        case is SchemaDefinition, is SchemaExtensionDefinition:
            return "schema"
        case let extensionDefinition as TypeExtensionDefinition:
            return "\"\(extensionDefinition.definition.name.value)\""
        default:
            if case .node(let node)? = definition.get(key: "name"), let name = node as? Name { return "\"\(name.value)\"" }
            return "schema"
        }
    }
}
