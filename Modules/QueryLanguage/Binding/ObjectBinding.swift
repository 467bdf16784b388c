import GraphQL

/// The resolvers of one GraphQL object type whose parents are values of `Parent`.
///
/// Every resolver receives all parents of its field at a place in the query at once (one batch per level), so a
/// database-backed field runs one statement for the whole batch, whatever the page size.
public struct ObjectBinding<Parent: Sendable, Context: Sendable>: Sendable {
    public let typeName: String
    var fields: [String: FieldBinding<Context>] = [:]
    var duplicates: [String] = []

    init(typeName: String) {
        self.typeName = typeName
    }

    private mutating func add(_ name: String, _ binding: FieldBinding<Context>) {
        if self.fields[name] != nil { self.duplicates.append(name) }
        self.fields[name] = binding
    }

    private static func parents(_ batch: any ParentBatch) throws -> [Parent] {
        guard let batch = batch as? Batch<Parent> else {
            throw FieldError(message: "Internal error: unexpected parent type.", code: "INTERNAL_SERVER_ERROR")
        }
        return batch.items
    }

    private static func checked<Value>(_ values: [Value], count: Int) throws -> [Value] {
        guard values.count == count else {
            throw FieldError(
                message: "Internal error: the resolver returned \(values.count) values for \(count) parents.", code: "INTERNAL_SERVER_ERROR")
        }
        return values
    }

    // MARK: Scalars and enums

    /// A scalar or enum field read from each parent.
    public mutating func field(_ name: String, _ get: @escaping @Sendable (Parent) -> LeafValue) {
        self.add(
            name,
            FieldBinding(output: .leaf, isList: false) { batch, _, _ in
                .leaves(try Self.parents(batch).map(get))
            })
    }

    /// A scalar or enum field resolved for all parents at once.
    public mutating func field<Arguments: Decodable & Sendable>(
        _ name: String, arguments: Arguments.Type,
        batch resolve: @escaping @Sendable ([Parent], Arguments, ResolverContext<Context>) async throws -> [LeafValue]
    ) {
        self.add(
            name,
            FieldBinding(output: .leaf, isList: false) { batch, arguments, context in
                let parents = try Self.parents(batch)
                let values = try await resolve(parents, try ArgumentDecoding.decode(Arguments.self, from: arguments), context)
                return .leaves(try Self.checked(values, count: parents.count))
            })
    }

    // MARK: Objects

    /// An object field read from each parent.
    public mutating func object<Child: Sendable>(_ name: String, _ type: Child.Type, _ get: @escaping @Sendable (Parent) -> Child?) {
        self.add(
            name,
            FieldBinding(output: .object(ObjectIdentifier(Child.self), swiftName: "\(Child.self)"), isList: false) { batch, _, _ in
                .objects(single: try Self.parents(batch).map(get))
            })
    }

    /// A list-of-objects field read from each parent.
    public mutating func list<Child: Sendable>(_ name: String, _ type: Child.Type, _ get: @escaping @Sendable (Parent) -> [Child]?) {
        self.add(
            name,
            FieldBinding(output: .object(ObjectIdentifier(Child.self), swiftName: "\(Child.self)"), isList: true) { batch, _, _ in
                .objects(lists: try Self.parents(batch).map { get($0).map { $0.map(Optional.some) } })
            })
    }

    /// An object field resolved for all parents at once; one value (or `nil`) per parent, in the parents' order.
    public mutating func object<Arguments: Decodable & Sendable, Child: Sendable>(
        _ name: String, _ type: Child.Type, arguments: Arguments.Type,
        batch resolve: @escaping @Sendable ([Parent], Arguments, ResolverContext<Context>) async throws -> [Child?]
    ) {
        self.add(
            name,
            FieldBinding(output: .object(ObjectIdentifier(Child.self), swiftName: "\(Child.self)"), isList: false) { batch, arguments, context in
                let parents = try Self.parents(batch)
                let values = try await resolve(parents, try ArgumentDecoding.decode(Arguments.self, from: arguments), context)
                return .objects(single: try Self.checked(values, count: parents.count))
            })
    }

    /// A list-of-objects field resolved for all parents at once; one list (or `nil`) per parent, in the parents' order.
    public mutating func list<Arguments: Decodable & Sendable, Child: Sendable>(
        _ name: String, _ type: Child.Type, arguments: Arguments.Type,
        batch resolve: @escaping @Sendable ([Parent], Arguments, ResolverContext<Context>) async throws -> [[Child?]?]
    ) {
        self.add(
            name,
            FieldBinding(output: .object(ObjectIdentifier(Child.self), swiftName: "\(Child.self)"), isList: true) { batch, arguments, context in
                let parents = try Self.parents(batch)
                let values = try await resolve(parents, try ArgumentDecoding.decode(Arguments.self, from: arguments), context)
                return .objects(lists: try Self.checked(values, count: parents.count))
            })
    }

    /// A field of interface or union type (single or list), resolved for all parents at once.
    public mutating func abstract<Arguments: Decodable & Sendable>(
        _ name: String, arguments: Arguments.Type, list: Bool = false,
        batch resolve: @escaping @Sendable ([Parent], Arguments, ResolverContext<Context>) async throws -> [[TypedObject?]?]
    ) {
        self.add(
            name,
            FieldBinding(output: .abstract, isList: list) { batch, arguments, context in
                let parents = try Self.parents(batch)
                let values = try await resolve(parents, try ArgumentDecoding.decode(Arguments.self, from: arguments), context)
                return .objects(typed: try Self.checked(values, count: parents.count), single: !list)
            })
    }
}
