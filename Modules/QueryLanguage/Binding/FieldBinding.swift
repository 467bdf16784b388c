import GraphQL

/// A field's resolver, type-erased: the parents' Swift type is checked once per batch.
struct FieldBinding<Context: Sendable>: Sendable {
    enum Output: Sendable, Equatable {
        case leaf
        /// Objects of one Swift type, which must be the one bound to the field's GraphQL object type.
        case object(ObjectIdentifier, swiftName: String)
        /// Objects of an interface or union, each tagged with its concrete type.
        case abstract
    }

    let output: Output
    let isList: Bool
    let resolve: @Sendable (_ parents: any ParentBatch, _ arguments: Map, _ context: ResolverContext<Context>) async throws -> FieldColumn
}

/// Turns a field's coerced argument values into the resolver's typed arguments.
enum ArgumentDecoding {
    static func decode<Arguments: Decodable>(_ type: Arguments.Type, from arguments: Map) throws -> Arguments {
        if type == NoArguments.self, let none = NoArguments() as? Arguments { return none }
        do {
            return try MapDecoder().decode(type, from: arguments)
        } catch {
            throw FieldError(message: "The arguments could not be read: \(error)", code: "BAD_USER_INPUT")
        }
    }
}
