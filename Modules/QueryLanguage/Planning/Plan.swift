import GraphQL

/// A compiled operation: fragments flattened, `@skip`/`@include` applied, every field resolved to its definition.
final class OperationPlan: Sendable {
    let operation: OperationType
    let root: SelectionPlan
    let depth: Int
    let aliasCount: Int
    let fieldCount: Int

    init(operation: OperationType, root: SelectionPlan, depth: Int, aliasCount: Int, fieldCount: Int) {
        self.operation = operation
        self.root = root
        self.depth = depth
        self.aliasCount = aliasCount
        self.fieldCount = fieldCount
    }
}

/// The fields selected on objects of one concrete type, in response order.
final class SelectionPlan: Sendable {
    let typeName: String
    let fields: [FieldPlan]

    init(typeName: String, fields: [FieldPlan]) {
        self.typeName = typeName
        self.fields = fields
    }
}

final class FieldPlan: Sendable {
    enum Kind: Sendable {
        case resolver
        case typename
    }

    let kind: Kind
    let responseKey: String
    /// `"responseKey":`, ready to append.
    let keyJSON: [UInt8]
    let fieldName: String
    let parentType: String
    let type: TypeRef
    let arguments: [TypeModel.Argument]
    let argumentNodes: [GraphQL.Argument]
    /// The selection per concrete object type the field's value may be; empty for scalars and enums.
    let children: [String: SelectionPlan]
    let childFieldNames: Set<String>
    let location: QueryError.SourcePoint?
    /// A Relay connection: its page size (`first`/`last`) multiplies the cost of what is inside.
    let isConnection: Bool

    init(
        kind: Kind, responseKey: String, fieldName: String, parentType: String, type: TypeRef, arguments: [TypeModel.Argument],
        argumentNodes: [GraphQL.Argument], children: [String: SelectionPlan], location: QueryError.SourcePoint?
    ) {
        self.kind = kind
        self.responseKey = responseKey
        var key = JSONWriter()
        key.string(responseKey)
        key.byte(UInt8(ascii: ":"))
        self.keyJSON = key.bytes
        self.fieldName = fieldName
        self.parentType = parentType
        self.type = type
        self.arguments = arguments
        self.argumentNodes = argumentNodes
        self.children = children
        self.childFieldNames = Set(children.values.flatMap { $0.fields.map(\.fieldName) })
        self.location = location
        self.isConnection = type.namedType.hasSuffix("Connection") && arguments.contains { $0.name == "first" }
    }
}
