/// The resolved values of one selection for a batch of objects of one concrete type, before they are written.
final class ResolvedObjects {
    enum Column {
        case leaves([LeafValue])
        case typename
        case failed(FieldError)
        /// `groups[i]` is `nil` when the resolver returned objects of a type the field cannot hold.
        case objects(entries: [ChildEntry], groups: [ResolvedObjects?], groupTypes: [String])
    }

    let plan: SelectionPlan
    var columns: [Column] = []

    init(plan: SelectionPlan) {
        self.plan = plan
        self.columns.reserveCapacity(plan.fields.count)
    }
}
