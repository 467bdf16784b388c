import GraphQL
import OrderedCollections

/// Compiles a validated operation into a plan for given `@skip`/`@include` variable values (spec: CollectFields).
struct Planner {
    /// Why a document was refused while planning, before anything is cached or run.
    struct Refusal: Error {
        let error: QueryError
    }

    /// Fragments can multiply a small document into a huge selection; planning stops past this many fields.
    static let maximumPlannedFields = 5_000

    let model: TypeModel
    let fragments: [String: FragmentDefinition]
    let variables: [String: Map]
    let limits: QueryLimits
    private(set) var plannedFields = 0
    private(set) var aliasCount = 0
    private(set) var depth = 0

    init(model: TypeModel, document: Document, variables: [String: Map], limits: QueryLimits) {
        self.model = model
        self.limits = limits
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in document.definitions { fragments[fragment.name.value] = fragment }
        self.fragments = fragments
        self.variables = variables
    }

    mutating func plan(_ operation: OperationDefinition, rootType: String) throws(Refusal) -> OperationPlan {
        let root = try self.selection(for: rootType, sets: [operation.selectionSet], depth: 1)
        return OperationPlan(
            operation: operation.operation, root: root, depth: self.depth, aliasCount: self.aliasCount, fieldCount: self.plannedFields)
    }

    private mutating func selection(for objectType: String, sets: [SelectionSet], depth: Int) throws(Refusal) -> SelectionPlan {
        var grouped = OrderedDictionary<String, [Field]>()
        var visited: Set<String> = []
        for set in sets { self.collect(set, objectType: objectType, into: &grouped, visited: &visited) }
        var fields: [FieldPlan] = []
        fields.reserveCapacity(grouped.count)
        for (key, nodes) in grouped {
            fields.append(try self.field(key: key, nodes: nodes, parentType: objectType, depth: depth))
        }
        return SelectionPlan(typeName: objectType, fields: fields)
    }

    private func collect(
        _ set: SelectionSet, objectType: String, into grouped: inout OrderedDictionary<String, [Field]>, visited: inout Set<String>
    ) {
        for selection in set.selections {
            switch selection {
            case let field as Field:
                guard self.included(field.directives) else { continue }
                grouped[field.alias?.value ?? field.name.value, default: []].append(field)
            case let spread as FragmentSpread:
                let name = spread.name.value
                guard self.included(spread.directives), !visited.contains(name), let fragment = self.fragments[name] else { continue }
                visited.insert(name)
                guard self.model.applies(fragment.typeCondition.name.value, to: objectType) else { continue }
                self.collect(fragment.selectionSet, objectType: objectType, into: &grouped, visited: &visited)
            case let inline as InlineFragment:
                guard self.included(inline.directives) else { continue }
                if let condition = inline.typeCondition, !self.model.applies(condition.name.value, to: objectType) { continue }
                self.collect(inline.selectionSet, objectType: objectType, into: &grouped, visited: &visited)
            default:
                continue
            }
        }
    }

    private mutating func field(key: String, nodes: [Field], parentType: String, depth: Int) throws(Refusal) -> FieldPlan {
        self.plannedFields += 1
        guard self.plannedFields <= Self.maximumPlannedFields else {
            throw Refusal(
                error: QueryError(
                    message: "The query selects more than \(Self.maximumPlannedFields) fields once its fragments are expanded.",
                    code: "MAX_COMPLEXITY_EXCEEDED"))
        }
        guard depth <= self.limits.maximumDepth else {
            throw Refusal(
                error: QueryError(
                    message: "Query depth exceeds the maximum depth (\(self.limits.maximumDepth)).", code: "MAX_DEPTH_EXCEEDED"))
        }
        self.depth = max(self.depth, depth)
        let node = nodes[0]
        let name = node.name.value
        if key != name { self.aliasCount += 1 }
        guard self.aliasCount <= self.limits.maximumAliases else {
            throw Refusal(
                error: QueryError(
                    message: "The query uses more than \(self.limits.maximumAliases) aliases, the maximum.", code: "MAX_ALIASES_EXCEEDED"))
        }
        let location = QueryError.SourcePoint(node.loc)
        if name == "__typename" {
            return FieldPlan(
                kind: .typename, responseKey: key, fieldName: name, parentType: parentType, type: .nonNull(.named("String")), arguments: [],
                argumentNodes: [], children: [:], location: location)
        }
        let definition = self.model.objectFields[parentType]?[name] ?? self.model.metaFields(of: parentType)[name]
        let type = definition?.type ?? .named("String")
        var children: [String: SelectionPlan] = [:]
        let named = type.namedType
        if self.model.isComposite(named) {
            let sets = nodes.compactMap(\.selectionSet)
            for concrete in self.model.concreteTypes(of: named).sorted() {
                children[concrete] = try self.selection(for: concrete, sets: sets, depth: depth + 1)
            }
        }
        return FieldPlan(
            kind: .resolver, responseKey: key, fieldName: name, parentType: parentType, type: type, arguments: definition?.arguments ?? [],
            argumentNodes: node.arguments, children: children, location: location)
    }

    /// `@skip(if:)` and `@include(if:)`, with literal or variable conditions.
    private func included(_ directives: [Directive]) -> Bool {
        for directive in directives {
            let name = directive.name.value
            guard name == "skip" || name == "include", let condition = directive.arguments.first(where: { $0.name.value == "if" }) else {
                continue
            }
            let value = Self.condition(condition.value, variables: self.variables)
            if name == "skip", value { return false }
            if name == "include", !value { return false }
        }
        return true
    }

    static func condition(_ node: any Value, variables: [String: Map]) -> Bool {
        if let literal = node as? BooleanValue { return literal.value }
        if let variable = node as? Variable, case .bool(let value) = variables[variable.name.value] ?? .null { return value }
        return false
    }

    /// The variables that `@skip`/`@include` read: the plan cache keys on their values.
    static func conditionVariables(in document: Document) -> [String] {
        var names: Set<String> = []
        func scan(_ set: SelectionSet?) {
            guard let set else { return }
            for selection in set.selections {
                let directives: [Directive]
                switch selection {
                case let field as Field:
                    directives = field.directives
                    scan(field.selectionSet)
                case let spread as FragmentSpread:
                    directives = spread.directives
                case let inline as InlineFragment:
                    directives = inline.directives
                    scan(inline.selectionSet)
                default:
                    directives = []
                }
                for directive in directives where directive.name.value == "skip" || directive.name.value == "include" {
                    for argument in directive.arguments {
                        if let variable = argument.value as? Variable { names.insert(variable.name.value) }
                    }
                }
            }
        }
        for definition in document.definitions {
            if let operation = definition as? OperationDefinition { scan(operation.selectionSet) }
            if let fragment = definition as? FragmentDefinition { scan(fragment.selectionSet) }
        }
        return names.sorted()
    }
}
