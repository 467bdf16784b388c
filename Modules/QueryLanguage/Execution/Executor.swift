import GraphQL

/// Resolves a plan field by field, each field once for all parents of a level (depth-first over fields).
struct Executor<Context: Sendable> {
    let bindings: [String: SchemaBindings<Context>.AnyObject]
    let coercion: InputCoercion
    let variables: [String: Map]
    let context: Context
    let presentError: @Sendable (any Error) -> FieldError
    /// Objects actually returned, weighted as the requested cost weighs them.
    private(set) var actualCost = 0
    let mutationRoot: Bool

    init(
        bindings: [String: SchemaBindings<Context>.AnyObject], coercion: InputCoercion, variables: [String: Map], context: Context,
        mutationRoot: Bool, presentError: @escaping @Sendable (any Error) -> FieldError
    ) {
        self.bindings = bindings
        self.coercion = coercion
        self.variables = variables
        self.context = context
        self.mutationRoot = mutationRoot
        self.presentError = presentError
    }

    mutating func resolveRoot(_ plan: SelectionPlan) async -> ResolvedObjects {
        await self.resolve(plan, batch: Batch(items: [RootValue()]), isRoot: true)
    }

    private mutating func resolve(_ plan: SelectionPlan, batch: any ParentBatch, isRoot: Bool = false) async -> ResolvedObjects {
        let resolved = ResolvedObjects(plan: plan)
        let binding = self.bindings[plan.typeName]
        for field in plan.fields {
            switch field.kind {
            case .typename:
                resolved.columns.append(.typename)
            case .resolver:
                resolved.columns.append(await self.resolve(field, binding: binding, batch: batch, isRoot: isRoot))
            }
        }
        return resolved
    }

    private mutating func resolve(
        _ field: FieldPlan, binding: SchemaBindings<Context>.AnyObject?, batch: any ParentBatch, isRoot: Bool
    ) async -> ResolvedObjects.Column {
        guard let resolver = binding?.fields[field.fieldName] else {
            return .failed(
                FieldError(message: "Internal error: \(field.parentType).\(field.fieldName) has no resolver.", code: "INTERNAL_SERVER_ERROR"))
        }
        let arguments: Map
        do {
            arguments = try self.coercion.arguments(
                field.arguments, nodes: field.argumentNodes, variables: self.variables, fieldName: "\(field.parentType).\(field.fieldName)")
        } catch {
            return .failed(FieldError(message: error.message, code: "BAD_USER_INPUT"))
        }
        let column: FieldColumn
        do {
            column = try await resolver.resolve(batch, arguments, ResolverContext(context: self.context, childFieldNames: field.childFieldNames))
        } catch {
            return .failed(self.presentError(error))
        }
        switch column {
        case .leaves(let values):
            return .leaves(values)
        case .objects(let entries, let groups):
            self.charge(field, entries: entries, isRoot: isRoot)
            var resolvedGroups: [ResolvedObjects?] = []
            var groupTypes: [String] = []
            for group in groups {
                let typeName = group.typeName ?? field.type.namedType
                groupTypes.append(typeName)
                guard let plan = field.children[typeName], let childBinding = self.bindings[typeName] else {
                    resolvedGroups.append(nil)
                    continue
                }
                let childBatch: (any ParentBatch)?
                switch group.values {
                case .typed(let batch): childBatch = batch
                case .untyped(let values): childBatch = childBinding.makeBatch(values)
                }
                guard let childBatch else {
                    resolvedGroups.append(nil)
                    continue
                }
                if childBatch.count == 0 {
                    resolvedGroups.append(ResolvedObjects(plan: plan))
                } else {
                    resolvedGroups.append(await self.resolve(plan, batch: childBatch))
                }
            }
            return .objects(entries: entries, groups: resolvedGroups, groupTypes: groupTypes)
        }
    }

    /// Connections cost 2 per parent, mutations 10 per root field, other objects 1 each (see `CostAnalysis`).
    private mutating func charge(_ field: FieldPlan, entries: [ChildEntry], isRoot: Bool) {
        if isRoot, self.mutationRoot {
            self.actualCost += CostAnalysis.mutationCost
            return
        }
        if field.isConnection {
            self.actualCost += CostAnalysis.connectionCost * entries.count
            return
        }
        for entry in entries {
            switch entry {
            case .null: continue
            case .one: self.actualCost += CostAnalysis.objectCost
            case .many(let slots): self.actualCost += CostAnalysis.objectCost * slots.count
            }
        }
    }
}
