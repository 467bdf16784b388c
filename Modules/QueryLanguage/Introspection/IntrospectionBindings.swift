/// Resolvers of `__schema`, `__type` and the introspection types, over the model read from the SDL. Introspection
/// runs through the same planner and executor as every other query.
extension SchemaBindings {
    struct TypeNameArgument: Decodable, Sendable {
        let name: String
    }

    struct IncludeDeprecated: Decodable, Sendable {
        let includeDeprecated: Bool?
    }

    mutating func introspection(_ model: IntrospectionModel, queryType: String) {
        self.object(queryType, RootValue.self) { query in
            query.object("__schema", IntrospectionModel.self) { _ in model }
            query.object("__type", TypeRef.self, arguments: TypeNameArgument.self) { parents, arguments, _ in
                let found: TypeRef? = model.typesByName[arguments.name] == nil ? nil : .named(arguments.name)
                return parents.map { _ in found }
            }
        }
        self.object("__Schema", IntrospectionModel.self) { type in
            type.field("description") { _ in .null }
            type.list("types", TypeRef.self) { $0.types.map { .named($0.name) } }
            type.object("queryType", TypeRef.self) { $0.queryType.map(TypeRef.named) }
            type.object("mutationType", TypeRef.self) { $0.mutationType.map(TypeRef.named) }
            type.object("subscriptionType", TypeRef.self) { $0.subscriptionType.map(TypeRef.named) }
            type.list("directives", IntrospectionModel.Directive.self) { $0.directives }
        }
        self.object("__Type", TypeRef.self) { type in
            @Sendable func named(_ reference: TypeRef) -> IntrospectionModel.NamedType? {
                if case .named(let name) = reference { return model.typesByName[name] }
                return nil
            }
            type.field("kind") { reference in
                switch reference {
                case .nonNull: .string("NON_NULL")
                case .list: .string("LIST")
                case .named: .optional(named(reference)?.kind)
                }
            }
            type.field("name") { .optional(named($0)?.name) }
            type.field("description") { .optional(named($0)?.description) }
            type.field("specifiedByURL") { .optional(named($0)?.specifiedByURL) }
            type.list("fields", IntrospectionModel.Field.self, arguments: IncludeDeprecated.self) { parents, arguments, _ in
                parents.map { named($0)?.fields?.filter { arguments.includeDeprecated == true || $0.deprecationReason == nil } }
            }
            type.list("interfaces", TypeRef.self) { named($0)?.interfaces?.map(TypeRef.named) }
            type.list("possibleTypes", TypeRef.self) { named($0)?.possibleTypes?.map(TypeRef.named) }
            type.list("enumValues", IntrospectionModel.EnumValue.self, arguments: IncludeDeprecated.self) { parents, arguments, _ in
                parents.map { named($0)?.enumValues?.filter { arguments.includeDeprecated == true || $0.deprecationReason == nil } }
            }
            type.list("inputFields", IntrospectionModel.InputValue.self, arguments: IncludeDeprecated.self) { parents, arguments, _ in
                parents.map { named($0)?.inputFields?.filter { arguments.includeDeprecated == true || $0.deprecationReason == nil } }
            }
            type.object("ofType", TypeRef.self) { reference in
                switch reference {
                case .nonNull(let inner), .list(let inner): inner
                case .named: nil
                }
            }
            type.field("isOneOf") { .optional(named($0)?.isOneOf) }
        }
        self.object("__Field", IntrospectionModel.Field.self) { type in
            type.field("name") { .string($0.name) }
            type.field("description") { .optional($0.description) }
            type.list("args", IntrospectionModel.InputValue.self, arguments: IncludeDeprecated.self) { parents, arguments, _ in
                parents.map { $0.arguments.filter { arguments.includeDeprecated == true || $0.deprecationReason == nil } }
            }
            type.object("type", TypeRef.self) { $0.type }
            type.field("isDeprecated") { .bool($0.deprecationReason != nil) }
            type.field("deprecationReason") { .optional($0.deprecationReason) }
        }
        self.object("__InputValue", IntrospectionModel.InputValue.self) { type in
            type.field("name") { .string($0.name) }
            type.field("description") { .optional($0.description) }
            type.object("type", TypeRef.self) { $0.type }
            type.field("defaultValue") { .optional($0.defaultValue) }
            type.field("isDeprecated") { .bool($0.deprecationReason != nil) }
            type.field("deprecationReason") { .optional($0.deprecationReason) }
        }
        self.object("__EnumValue", IntrospectionModel.EnumValue.self) { type in
            type.field("name") { .string($0.name) }
            type.field("description") { .optional($0.description) }
            type.field("isDeprecated") { .bool($0.deprecationReason != nil) }
            type.field("deprecationReason") { .optional($0.deprecationReason) }
        }
        self.object("__Directive", IntrospectionModel.Directive.self) { type in
            type.field("name") { .string($0.name) }
            type.field("description") { .optional($0.description) }
            type.field("isRepeatable") { .bool($0.isRepeatable) }
            type.field("locations") { .list($0.locations.map(LeafValue.string)) }
            type.list("args", IntrospectionModel.InputValue.self, arguments: IncludeDeprecated.self) { parents, arguments, _ in
                parents.map { $0.arguments.filter { arguments.includeDeprecated == true || $0.deprecationReason == nil } }
            }
        }
    }
}
