/// The parent objects of one GraphQL object type at one place in a query, handed to each field's resolver at once.
protocol ParentBatch: Sendable {
    var count: Int { get }
}

struct Batch<Item: Sendable>: ParentBatch {
    let items: [Item]
    var count: Int { self.items.count }
}

/// The single parent of root fields.
public struct RootValue: Sendable {
    public init() {}
}

/// An object returned by a field of interface or union type, tagged with its concrete GraphQL type.
public struct TypedObject: Sendable {
    public let typeName: String
    public let value: any Sendable

    public init(typeName: String, value: any Sendable) {
        self.typeName = typeName
        self.value = value
    }
}

/// Arguments of a field that takes none.
public struct NoArguments: Decodable, Sendable {}
