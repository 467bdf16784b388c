import GraphQL

/// A field, argument or variable type: a named type wrapped in lists and non-null markers.
indirect enum TypeRef: Sendable, Equatable, CustomStringConvertible {
    case named(String)
    case list(TypeRef)
    case nonNull(TypeRef)

    init(_ type: any GraphQLType) {
        if let nonNull = type as? GraphQLNonNull {
            self = .nonNull(TypeRef(nonNull.ofType))
        } else if let list = type as? GraphQLList {
            self = .list(TypeRef(list.ofType))
        } else if let named = type as? any GraphQLNamedType {
            self = .named(named.name)
        } else {
            self = .named("\(type)")
        }
    }

    init(_ node: any GraphQL.`Type`) {
        if let nonNull = node as? NonNullType {
            self = .nonNull(TypeRef(nonNull.type))
        } else if let list = node as? ListType {
            self = .list(TypeRef(list.type))
        } else if let named = node as? NamedType {
            self = .named(named.name.value)
        } else {
            self = .named("")
        }
    }

    var namedType: String {
        switch self {
        case .named(let name): name
        case .list(let inner), .nonNull(let inner): inner.namedType
        }
    }

    var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    var nullable: TypeRef {
        if case .nonNull(let inner) = self { return inner }
        return self
    }

    /// Whether the type, under its non-null marker, is a list.
    var isList: Bool {
        if case .list = self.nullable { return true }
        return false
    }

    var description: String {
        switch self {
        case .named(let name): name
        case .list(let inner): "[\(inner)]"
        case .nonNull(let inner): "\(inner)!"
        }
    }
}
