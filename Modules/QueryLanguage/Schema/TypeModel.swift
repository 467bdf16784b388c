import GraphQL
import OrderedCollections

/// The schema's types, read once from GraphQLSwift's schema into plain values the planner and coercion use.
struct TypeModel: Sendable {
    enum Kind: Sendable, Equatable {
        case scalar, enumeration, object, interface, union, inputObject
    }

    struct Argument: Sendable {
        let name: String
        let type: TypeRef
        let defaultValue: Map?
    }

    struct OutputField: Sendable {
        let name: String
        let type: TypeRef
        let arguments: [Argument]
    }

    struct InputObject: Sendable {
        let fields: [Argument]
        let isOneOf: Bool
    }

    let kinds: [String: Kind]
    let objectFields: [String: [String: OutputField]]
    /// Interface and union names → the object types they may be.
    let possibleTypes: [String: Set<String>]
    let enumValues: [String: Set<String>]
    let inputObjects: [String: InputObject]
    let queryType: String?
    let mutationType: String?

    init(_ schema: GraphQLSchema) throws {
        var kinds: [String: Kind] = [:]
        var objectFields: [String: [String: OutputField]] = [:]
        var possibleTypes: [String: Set<String>] = [:]
        var enumValues: [String: Set<String>] = [:]
        var inputObjects: [String: InputObject] = [:]
        func outputFields(_ map: GraphQLFieldMap) -> [String: OutputField] {
            var fields: [String: OutputField] = [:]
            for (name, field) in map {
                fields[name] = OutputField(
                    name: name, type: TypeRef(field.type),
                    arguments: field.args.map { Argument(name: $0.key, type: TypeRef($0.value.type), defaultValue: $0.value.defaultValue) })
            }
            return fields
        }
        for (name, type) in schema.typeMap {
            switch type {
            case is GraphQLScalarType:
                kinds[name] = .scalar
            case let enumeration as GraphQLEnumType:
                kinds[name] = .enumeration
                enumValues[name] = Set(enumeration.values.map(\.name))
            case let object as GraphQLObjectType:
                kinds[name] = .object
                objectFields[name] = outputFields(try object.fields())
            case let interface as GraphQLInterfaceType:
                kinds[name] = .interface
                objectFields[name] = outputFields(try interface.fields())
                possibleTypes[name] = Set(schema.getPossibleTypes(abstractType: interface).map(\.name))
            case let union as GraphQLUnionType:
                kinds[name] = .union
                possibleTypes[name] = Set(schema.getPossibleTypes(abstractType: union).map(\.name))
            case let input as GraphQLInputObjectType:
                kinds[name] = .inputObject
                inputObjects[name] = InputObject(
                    fields: try input.fields().map { Argument(name: $0.key, type: TypeRef($0.value.type), defaultValue: $0.value.defaultValue) },
                    isOneOf: input.isOneOf)
            default:
                continue
            }
        }
        self.kinds = kinds
        self.objectFields = objectFields
        self.possibleTypes = possibleTypes
        self.enumValues = enumValues
        self.inputObjects = inputObjects
        self.queryType = schema.queryType?.name
        self.mutationType = schema.mutationType?.name
    }

    /// `__schema` and `__type`, which the query root has without declaring them.
    func metaFields(of typeName: String) -> [String: OutputField] {
        guard typeName == self.queryType else { return [:] }
        return [
            "__schema": OutputField(name: "__schema", type: .nonNull(.named("__Schema")), arguments: []),
            "__type": OutputField(
                name: "__type", type: .named("__Type"), arguments: [Argument(name: "name", type: .nonNull(.named("String")), defaultValue: nil)]),
        ]
    }

    func isComposite(_ name: String) -> Bool {
        switch self.kinds[name] {
        case .object, .interface, .union: true
        default: false
        }
    }

    /// The object types a value of `name` may be: itself for an object type.
    func concreteTypes(of name: String) -> Set<String> {
        self.kinds[name] == .object ? [name] : self.possibleTypes[name] ?? []
    }

    /// Whether a fragment on `condition` applies to an object of type `object`.
    func applies(_ condition: String, to object: String) -> Bool {
        condition == object || self.possibleTypes[condition]?.contains(object) == true
    }
}
