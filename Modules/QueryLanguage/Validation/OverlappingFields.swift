import GraphQL

/// The spec's OverlappingFieldsCanBeMerged ("FieldsInSetCanMerge"): fields that share a response key must be the
/// same field with the same arguments unless their parents are different object types, and must return compatible
/// shapes. Work is bounded so a document built to multiply comparisons is refused instead of hanging validation.
struct OverlappingFields {
    static let comparisonBudget = 200_000

    struct Candidate {
        let parentType: String?
        let node: Field
        let definition: TypeModel.OutputField?
        /// Fragments already expanded on the way to this field; comparing its subfields does not expand them again,
        /// so fragment cycles (which NoFragmentCycles reports) cannot recurse without end.
        let expanded: Set<String>
    }

    let model: TypeModel
    let fragments: [String: FragmentDefinition]
    private var comparisons = 0
    private(set) var exhausted = false
    private var reported: Set<String> = []

    init(model: TypeModel, fragments: [String: FragmentDefinition]) {
        self.model = model
        self.fragments = fragments
    }

    /// Checks `set` and every selection set below it.
    mutating func check(_ set: SelectionSet, parentType: String) -> [QueryError] {
        var errors: [QueryError] = []
        let groups = self.collect([(set, parentType)], expanded: [])
        for (key, candidates) in groups {
            errors += self.conflicts(key: key, within: candidates)
        }
        for selection in set.selections where !self.exhausted {
            switch selection {
            case let field as Field:
                guard let child = field.selectionSet, let named = self.model.objectFields[parentType]?[field.name.value]?.type.namedType,
                    self.model.isComposite(named)
                else { continue }
                errors += self.check(child, parentType: named)
            case let inline as InlineFragment:
                let type = inline.typeCondition?.name.value ?? parentType
                if self.model.isComposite(type) { errors += self.check(inline.selectionSet, parentType: type) }
            default:
                continue
            }
        }
        return errors
    }

    /// Fields by response key, following fragments (each fragment once).
    private func collect(_ sets: [(SelectionSet, String?)], expanded: Set<String>) -> [(String, [Candidate])] {
        var order: [String] = []
        var groups: [String: [Candidate]] = [:]
        var visited = expanded
        func walk(_ set: SelectionSet, _ parentType: String?) {
            for selection in set.selections {
                switch selection {
                case let field as Field:
                    let key = field.alias?.value ?? field.name.value
                    if groups[key] == nil { order.append(key) }
                    let definition = parentType.flatMap { self.model.objectFields[$0]?[field.name.value] }
                    groups[key, default: []].append(Candidate(parentType: parentType, node: field, definition: definition, expanded: visited))
                case let inline as InlineFragment:
                    walk(inline.selectionSet, inline.typeCondition?.name.value ?? parentType)
                case let spread as FragmentSpread:
                    let name = spread.name.value
                    guard !visited.contains(name), let fragment = self.fragments[name] else { continue }
                    visited.insert(name)
                    walk(fragment.selectionSet, fragment.typeCondition.name.value)
                default:
                    continue
                }
            }
        }
        for (set, parentType) in sets { walk(set, parentType) }
        return order.map { ($0, groups[$0] ?? []) }
    }

    private mutating func conflicts(key: String, within candidates: [Candidate]) -> [QueryError] {
        guard candidates.count > 1 else { return [] }
        var errors: [QueryError] = []
        for first in candidates.indices {
            for second in candidates.indices where second > first {
                guard let reason = self.conflict(candidates[first], candidates[second], exclusive: false) else { continue }
                let a = candidates[first].node
                let b = candidates[second].node
                let signature = "\(key)|\(a.loc?.start ?? 0)|\(b.loc?.start ?? 0)"
                guard self.reported.insert(signature).inserted else { continue }
                errors.append(
                    QueryError(
                        message:
                            "Fields \"\(key)\" conflict because \(reason). Use different aliases on the fields to fetch both if this was intentional.",
                        locations: [QueryError.SourcePoint(a.loc), QueryError.SourcePoint(b.loc)].compactMap { $0 },
                        code: "GRAPHQL_VALIDATION_FAILED"))
            }
        }
        return errors
    }

    /// Why two fields with one response key cannot be merged, or `nil`.
    private mutating func conflict(_ a: Candidate, _ b: Candidate, exclusive: Bool) -> String? {
        self.comparisons += 1
        guard self.comparisons <= Self.comparisonBudget else {
            self.exhausted = true
            return nil
        }
        let exclusive =
            exclusive
            || (a.parentType != b.parentType && a.parentType.map { self.model.kinds[$0] == .object } == true
                && b.parentType.map { self.model.kinds[$0] == .object } == true)
        if !exclusive {
            if a.node.name.value != b.node.name.value {
                return "\"\(a.node.name.value)\" and \"\(b.node.name.value)\" are different fields"
            }
            if !Self.sameArguments(a.node.arguments, b.node.arguments) { return "they have differing arguments" }
        }
        if let typeA = a.definition?.type, let typeB = b.definition?.type, self.typesConflict(typeA, typeB) {
            return "they return conflicting types \"\(typeA)\" and \"\(typeB)\""
        }
        guard let setA = a.node.selectionSet, let setB = b.node.selectionSet else { return nil }
        let left = self.collect([(setA, a.definition?.type.namedType)], expanded: a.expanded)
        let right = Dictionary(
            self.collect([(setB, b.definition?.type.namedType)], expanded: b.expanded), uniquingKeysWith: { first, _ in first })
        var reasons: [String] = []
        for (key, fieldsA) in left {
            guard let fieldsB = right[key] else { continue }
            for fieldA in fieldsA {
                for fieldB in fieldsB {
                    if let reason = self.conflict(fieldA, fieldB, exclusive: exclusive) {
                        reasons.append("subfields \"\(key)\" conflict because \(reason)")
                    }
                }
            }
        }
        return reasons.isEmpty ? nil : reasons.joined(separator: " and ")
    }

    private func typesConflict(_ a: TypeRef, _ b: TypeRef) -> Bool {
        switch (a, b) {
        case (.nonNull(let innerA), .nonNull(let innerB)): return self.typesConflict(innerA, innerB)
        case (.nonNull, _), (_, .nonNull): return true
        case (.list(let innerA), .list(let innerB)): return self.typesConflict(innerA, innerB)
        case (.list, _), (_, .list): return true
        case (.named(let nameA), .named(let nameB)):
            let leafA = self.model.kinds[nameA] == .scalar || self.model.kinds[nameA] == .enumeration
            let leafB = self.model.kinds[nameB] == .scalar || self.model.kinds[nameB] == .enumeration
            return (leafA || leafB) && nameA != nameB
        }
    }

    private static func sameArguments(_ a: [GraphQL.Argument], _ b: [GraphQL.Argument]) -> Bool {
        guard a.count == b.count else { return false }
        return a.allSatisfy { argument in
            b.contains { $0.name.value == argument.name.value && print(ast: $0.value) == print(ast: argument.value) }
        }
    }
}
