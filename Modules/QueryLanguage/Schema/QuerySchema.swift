import GraphQL

/// The SDL, its GraphQLSwift schema (parsing, validation, introspection) and the resolvers bound to it.
///
/// Built once at start-up; fails with every problem listed when the SDL is invalid, a field has no resolver, a
/// resolver has no field, or a resolver's Swift types do not fit the field.
public final class QuerySchema<Context: Sendable>: Sendable {
    let schema: GraphQLSchema
    let model: TypeModel
    let bindings: [String: SchemaBindings<Context>.AnyObject]
    let coercion: InputCoercion
    /// The SDL as given, concatenated.
    public let sdl: String

    public init(sources: [SchemaSource], bindings: SchemaBindings<Context>, scalars: [CustomScalar]) throws(SchemaError) {
        var problems: [String] = []
        for source in sources {
            do {
                _ = try parse(source: Source(body: source.text, name: source.name))
            } catch {
                problems.append("\(source.name): \(error)")
            }
        }
        guard problems.isEmpty else { throw SchemaError(problems: problems) }
        let sdl = sources.map(\.text).joined(separator: "\n")
        let schema: GraphQLSchema
        let model: TypeModel
        do {
            schema = try buildSchema(source: sdl)
            let errors = validateSchema(schema: schema)
            guard errors.isEmpty else { throw SchemaError(problems: errors.map(\.message)) }
            model = try TypeModel(schema)
        } catch let error as SchemaError {
            throw error
        } catch {
            throw SchemaError(problems: ["\(error)"])
        }
        problems += Self.check(bindings, against: model, scalars: scalars)
        guard problems.isEmpty else { throw SchemaError(problems: problems) }
        var bound = bindings
        do {
            bound.introspection(try IntrospectionModel(schema, sdl: try parse(source: sdl)), queryType: model.queryType ?? "Query")
        } catch {
            throw SchemaError(problems: ["\(error)"])
        }
        self.schema = schema
        self.model = model
        self.bindings = bound.objects
        self.coercion = InputCoercion(model: model, scalars: Dictionary(uniqueKeysWithValues: scalars.map { ($0.name, $0) }))
        self.sdl = sdl
    }

    private static var builtInScalars: Set<String> { ["Int", "Float", "String", "Boolean", "ID"] }

    private static func check(_ bindings: SchemaBindings<Context>, against model: TypeModel, scalars: [CustomScalar]) -> [String] {
        var problems: [String] = bindings.registeredTwice.map { "Object type \($0) is bound to two different Swift types." }
        for (typeName, binding) in bindings.objects.sorted(by: { $0.key < $1.key }) {
            problems += binding.duplicates.map { "\(typeName).\($0) has two resolvers." }
            guard model.kinds[typeName] == .object, let fields = model.objectFields[typeName] else {
                problems.append("Resolvers are registered for \(typeName), which is not an object type of the schema.")
                continue
            }
            for name in binding.fields.keys.sorted() where fields[name] == nil {
                problems.append("The resolver \(typeName).\(name) has no field in the schema.")
            }
        }
        for (typeName, kind) in model.kinds.sorted(by: { $0.key < $1.key }) where !typeName.hasPrefix("__") {
            if kind == .scalar, !self.builtInScalars.contains(typeName), !scalars.contains(where: { $0.name == typeName }) {
                problems.append("The custom scalar \(typeName) has no coercion.")
            }
            guard kind == .object else { continue }
            guard let binding = bindings.objects[typeName] else {
                problems.append("The object type \(typeName) has no resolvers.")
                continue
            }
            for (name, field) in (model.objectFields[typeName] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let resolver = binding.fields[name] else {
                    problems.append("The field \(typeName).\(name) has no resolver.")
                    continue
                }
                if let problem = self.mismatch(resolver, field: field, model: model, bindings: bindings) {
                    problems.append("\(typeName).\(name): \(problem)")
                }
            }
        }
        for scalar in scalars where model.kinds[scalar.name] != .scalar {
            problems.append("A coercion is given for \(scalar.name), which is not a scalar of the schema.")
        }
        return problems
    }

    private static func mismatch(
        _ resolver: FieldBinding<Context>, field: TypeModel.OutputField, model: TypeModel, bindings: SchemaBindings<Context>
    ) -> String? {
        let named = field.type.namedType
        switch (model.kinds[named], resolver.output) {
        case (.scalar, .leaf), (.enumeration, .leaf):
            return nil
        case (.object, .object(let swiftType, let swiftName)):
            if let bound = bindings.objects[named], bound.swiftType != swiftType {
                return "the resolver returns \(swiftName) but \(named) is bound to \(bound.swiftName)."
            }
            return resolver.isList == field.type.isList ? nil : "the resolver's list-ness does not match the field type \(field.type)."
        case (.interface, .abstract), (.union, .abstract):
            return resolver.isList == field.type.isList ? nil : "the resolver's list-ness does not match the field type \(field.type)."
        default:
            return "the resolver's kind does not fit the field type \(field.type)."
        }
    }
}
