import GraphQL
import OrderedCollections

/// The schema as introspection describes it, read once from the SDL: types in the order the SDL defines them, fields
/// and arguments in declaration order, default values as written, descriptions and deprecations.
struct IntrospectionModel: Sendable {
    struct InputValue: Sendable {
        let name: String
        let description: String?
        let type: TypeRef
        let defaultValue: String?
        let deprecationReason: String?
    }

    struct Field: Sendable {
        let name: String
        let description: String?
        let arguments: [InputValue]
        let type: TypeRef
        let deprecationReason: String?
    }

    struct EnumValue: Sendable {
        let name: String
        let description: String?
        let deprecationReason: String?
    }

    struct NamedType: Sendable {
        let kind: String
        let name: String
        let description: String?
        let specifiedByURL: String?
        let fields: [Field]?
        let interfaces: [String]?
        let possibleTypes: [String]?
        let enumValues: [EnumValue]?
        let inputFields: [InputValue]?
        let isOneOf: Bool?
    }

    struct Directive: Sendable {
        let name: String
        let description: String?
        let locations: [String]
        let arguments: [InputValue]
        let isRepeatable: Bool
    }

    let types: [NamedType]
    let typesByName: [String: NamedType]
    let directives: [Directive]
    let queryType: String?
    let mutationType: String?
    let subscriptionType: String?

    /// `sdl` is the document `schema` was built from: it gives the order of types and of union members.
    init(_ schema: GraphQLSchema, sdl: Document) throws {
        var positions: [String: Int] = [:]
        var unionMembers: [String: [String]] = [:]
        for definition in sdl.definitions {
            guard let type = definition as? any TypeDefinition else { continue }
            positions[type.name.value] = positions[type.name.value] ?? type.loc?.start ?? 0
            if let union = type as? UnionTypeDefinition { unionMembers[union.name.value] = union.types.map(\.name.value) }
        }
        var types: [(position: Int, type: NamedType)] = []
        for (index, (name, type)) in schema.typeMap.enumerated() {
            let described = try Self.describe(type, name: name, schema: schema, unionMembers: unionMembers[name])
            types.append((positions[name] ?? (index - schema.typeMap.count), described))
        }
        self.types = types.sorted { $0.position < $1.position }.map(\.type)
        self.typesByName = Dictionary(self.types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.directives = schema.directives.map { directive in
            Directive(
                name: directive.name, description: directive.description, locations: directive.locations.map(\.rawValue),
                arguments: directive.args.map {
                    InputValue(
                        name: $0.name, description: $0.description, type: TypeRef($0.type),
                        defaultValue: $0.astNode?.defaultValue.map { print(ast: $0) },
                        deprecationReason: $0.deprecationReason)
                }, isRepeatable: directive.isRepeatable)
        }
        self.queryType = schema.queryType?.name
        self.mutationType = schema.mutationType?.name
        self.subscriptionType = schema.subscriptionType?.name
    }

    private static func fields(_ map: GraphQLFieldMap) -> [Field] {
        map.map { name, field in
            Field(
                name: name, description: field.description,
                arguments: field.args.map { name, argument in
                    InputValue(
                        name: name, description: argument.description, type: TypeRef(argument.type),
                        defaultValue: argument.astNode?.defaultValue.map { print(ast: $0) }, deprecationReason: argument.deprecationReason)
                }, type: TypeRef(field.type), deprecationReason: field.deprecationReason)
        }
    }

    private static func describe(_ type: any GraphQLNamedType, name: String, schema: GraphQLSchema, unionMembers: [String]?) throws -> NamedType {
        switch type {
        case let scalar as GraphQLScalarType:
            return NamedType(
                kind: "SCALAR", name: name, description: scalar.description, specifiedByURL: scalar.specifiedByURL, fields: nil, interfaces: nil,
                possibleTypes: nil, enumValues: nil, inputFields: nil, isOneOf: nil)
        case let object as GraphQLObjectType:
            return NamedType(
                kind: "OBJECT", name: name, description: object.description, specifiedByURL: nil, fields: self.fields(try object.fields()),
                interfaces: try object.interfaces().map(\.name), possibleTypes: nil, enumValues: nil, inputFields: nil, isOneOf: nil)
        case let interface as GraphQLInterfaceType:
            return NamedType(
                kind: "INTERFACE", name: name, description: interface.description, specifiedByURL: nil, fields: self.fields(try interface.fields()),
                interfaces: try interface.interfaces().map(\.name), possibleTypes: schema.getPossibleTypes(abstractType: interface).map(\.name),
                enumValues: nil, inputFields: nil, isOneOf: nil)
        case let union as GraphQLUnionType:
            let members = unionMembers ?? schema.getPossibleTypes(abstractType: union).map(\.name)
            return NamedType(
                kind: "UNION", name: name, description: union.description, specifiedByURL: nil, fields: nil, interfaces: nil, possibleTypes: members,
                enumValues: nil, inputFields: nil, isOneOf: nil)
        case let enumeration as GraphQLEnumType:
            return NamedType(
                kind: "ENUM", name: name, description: enumeration.description, specifiedByURL: nil, fields: nil, interfaces: nil,
                possibleTypes: nil,
                enumValues: enumeration.values.map { EnumValue(name: $0.name, description: $0.description, deprecationReason: $0.deprecationReason) },
                inputFields: nil, isOneOf: nil)
        case let input as GraphQLInputObjectType:
            return NamedType(
                kind: "INPUT_OBJECT", name: name, description: input.description, specifiedByURL: nil, fields: nil, interfaces: nil,
                possibleTypes: nil, enumValues: nil,
                inputFields: try input.fields().map { name, field in
                    InputValue(
                        name: name, description: field.description, type: TypeRef(field.type),
                        defaultValue: field.astNode?.defaultValue.map { print(ast: $0) }, deprecationReason: field.deprecationReason)
                }, isOneOf: input.isOneOf)
        default:
            throw SchemaError(problems: ["\(name) is of a kind introspection does not know."])
        }
    }
}
