import GraphQL

/// Spec validation rules GraphQLSwift 4.3.0 leaves out of `specifiedRules`, run after it so every document is
/// checked against the full set: OverlappingFieldsCanBeMerged, 32-bit Int literals (ValuesOfCorrectType) and the
/// introspection depth limit graphql-js and graphql-core apply.
struct SupplementaryRules {
    let model: TypeModel
    let document: Document

    func errors() -> [QueryError] {
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in self.document.definitions { fragments[fragment.name.value] = fragment }
        var overlap = OverlappingFields(model: self.model, fragments: fragments)
        var errors: [QueryError] = []
        for definition in self.document.definitions {
            switch definition {
            case let operation as OperationDefinition:
                let root: String?
                switch operation.operation {
                case .query: root = self.model.queryType
                case .mutation: root = self.model.mutationType
                case .subscription: root = nil
                }
                for variable in operation.variableDefinitions {
                    if let value = variable.defaultValue { errors += IntLiterals(model: self.model).check(value, type: TypeRef(variable.type)) }
                }
                if let root {
                    errors += overlap.check(operation.selectionSet, parentType: root)
                    errors += self.literals(in: operation.selectionSet, parentType: root)
                }
                errors += IntrospectionDepth(fragments: fragments).check(operation.selectionSet)
            case let fragment as FragmentDefinition:
                let type = fragment.typeCondition.name.value
                if self.model.isComposite(type) {
                    errors += overlap.check(fragment.selectionSet, parentType: type)
                    errors += self.literals(in: fragment.selectionSet, parentType: type)
                }
                errors += IntrospectionDepth(fragments: fragments).check(fragment.selectionSet)
            default:
                continue
            }
        }
        if overlap.exhausted {
            errors.append(QueryError(message: "The document is too complex to validate.", code: "GRAPHQL_VALIDATION_FAILED"))
        }
        return errors
    }

    /// Int arguments written as literals must fit in 32 bits.
    private func literals(in set: SelectionSet, parentType: String) -> [QueryError] {
        var errors: [QueryError] = []
        for selection in set.selections {
            switch selection {
            case let field as Field:
                guard let definition = self.model.objectFields[parentType]?[field.name.value] else { continue }
                for argument in field.arguments {
                    if let type = definition.arguments.first(where: { $0.name == argument.name.value })?.type {
                        errors += IntLiterals(model: self.model).check(argument.value, type: type)
                    }
                }
                if let child = field.selectionSet, self.model.isComposite(definition.type.namedType) {
                    errors += self.literals(in: child, parentType: definition.type.namedType)
                }
            case let inline as InlineFragment:
                let type = inline.typeCondition?.name.value ?? parentType
                if self.model.isComposite(type) { errors += self.literals(in: inline.selectionSet, parentType: type) }
            default:
                continue
            }
        }
        return errors
    }
}

/// `Int cannot represent non 32-bit signed integer value` for literals, in lists and input objects too.
struct IntLiterals {
    let model: TypeModel

    func check(_ value: any Value, type: TypeRef) -> [QueryError] {
        switch (type, value) {
        case (.nonNull(let inner), _):
            return self.check(value, type: inner)
        case (.list(let item), let list as ListValue):
            return list.values.flatMap { self.check($0, type: item) }
        case (.list(let item), _):
            return self.check(value, type: item)
        case (.named("Int"), let int as IntValue):
            guard let number = Int(int.value), number >= Int(Int32.min), number <= Int(Int32.max) else {
                return [
                    QueryError(
                        message: "Int cannot represent non 32-bit signed integer value: \(int.value)",
                        locations: [QueryError.SourcePoint(int.loc)].compactMap { $0 }, code: "GRAPHQL_VALIDATION_FAILED")
                ]
            }
            return []
        case (.named(let name), let object as ObjectValue):
            guard let fields = self.model.inputObjects[name]?.fields else { return [] }
            return object.fields.flatMap { field in
                fields.first { $0.name == field.name.value }.map { self.check(field.value, type: $0.type) } ?? []
            }
        default:
            return []
        }
    }
}

/// graphql-js's MaxIntrospectionDepthRule: `fields`, `interfaces`, `possibleTypes` and `inputFields` nested three
/// deep under `__schema` or `__type` are refused, so introspection cannot be made arbitrarily expensive.
struct IntrospectionDepth {
    static let maximumListDepth = 3
    static let listFields: Set<String> = ["fields", "interfaces", "possibleTypes", "inputFields"]

    let fragments: [String: FragmentDefinition]

    func check(_ set: SelectionSet) -> [QueryError] {
        var errors: [QueryError] = []
        self.visit(set) { field in
            var shallow: Set<String> = []
            guard field.name.value == "__schema" || field.name.value == "__type", self.tooDeep(field, visited: [], depth: 0, shallow: &shallow) else {
                return true
            }
            errors.append(
                QueryError(
                    message: "Maximum introspection depth exceeded", locations: [QueryError.SourcePoint(field.loc)].compactMap { $0 },
                    code: "GRAPHQL_VALIDATION_FAILED"))
            return false
        }
        return errors
    }

    /// Calls `body` for every field in `set` and below it (not through fragment spreads); `false` skips the field's children.
    private func visit(_ set: SelectionSet, _ body: (Field) -> Bool) {
        for selection in set.selections {
            switch selection {
            case let field as Field:
                if body(field), let child = field.selectionSet { self.visit(child, body) }
            case let inline as InlineFragment:
                self.visit(inline.selectionSet, body)
            default:
                continue
            }
        }
    }

    /// `shallow` remembers fragments (at a depth) already found not too deep, so a fragment spread many times over is
    /// walked once per depth rather than once per path.
    private func tooDeep(_ node: any Selection, visited: Set<String>, depth: Int, shallow: inout Set<String>) -> Bool {
        var depth = depth
        let children: SelectionSet?
        var visited = visited
        switch node {
        case let spread as FragmentSpread:
            let name = spread.name.value
            let memo = "\(name)@\(depth)"
            guard !visited.contains(name), !shallow.contains(memo), let fragment = self.fragments[name] else { return false }
            visited.insert(name)
            if fragment.selectionSet.selections.contains(where: { self.tooDeep($0, visited: visited, depth: depth, shallow: &shallow) }) {
                return true
            }
            shallow.insert(memo)
            return false
        case let field as Field:
            if Self.listFields.contains(field.name.value) {
                depth += 1
                if depth >= Self.maximumListDepth { return true }
            }
            children = field.selectionSet
        case let inline as InlineFragment:
            children = inline.selectionSet
        default:
            children = nil
        }
        for child in children?.selections ?? [] where self.tooDeep(child, visited: visited, depth: depth, shallow: &shallow) { return true }
        return false
    }
}
