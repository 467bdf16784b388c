import GraphQL

/// GraphQLSwift's KnownArgumentNames reads the arguments of an unknown directive as arguments of the field it sits
/// on; graphql-js reports only the unknown directive. These are the places of such arguments, whose errors are dropped.
enum UnknownDirectiveArguments {
    static func points(in document: Document, schema: GraphQLSchema) -> Set<QueryError.SourcePoint> {
        var points: Set<QueryError.SourcePoint> = []
        func directives(_ list: [Directive]) {
            for directive in list where schema.getDirective(name: directive.name.value) == nil {
                for argument in directive.arguments {
                    if let point = QueryError.SourcePoint(argument.loc) { points.insert(point) }
                }
            }
        }
        func walk(_ set: SelectionSet?) {
            for selection in set?.selections ?? [] {
                switch selection {
                case let field as Field:
                    directives(field.directives)
                    walk(field.selectionSet)
                case let spread as FragmentSpread:
                    directives(spread.directives)
                case let inline as InlineFragment:
                    directives(inline.directives)
                    walk(inline.selectionSet)
                default:
                    continue
                }
            }
        }
        for definition in document.definitions {
            if let operation = definition as? OperationDefinition {
                directives(operation.directives)
                operation.variableDefinitions.forEach { directives($0.directives) }
                walk(operation.selectionSet)
            }
            if let fragment = definition as? FragmentDefinition {
                directives(fragment.directives)
                walk(fragment.selectionSet)
            }
        }
        return points
    }
}
