import GraphQL
import OrderedCollections

/// Static cost of a plan, in the manner of Shopify's Admin API: scalars are free, an object costs 1, a connection
/// costs 2 plus its page size times the cost of each edge or node, and a mutation's root field costs 10.
/// The executor charges the same weights for what was actually returned (`actualQueryCost`).
enum CostAnalysis {
    static let objectCost = 1
    static let connectionCost = 2
    static let mutationCost = 10

    static func requested(_ plan: OperationPlan, coercion: InputCoercion, variables: [String: Map], limits: QueryLimits) -> Int {
        var total = 0
        for field in plan.root.fields where field.kind == .resolver {
            let cost = self.cost(of: field, pageSize: nil, coercion: coercion, variables: variables, limits: limits)
            total = saturated(total, plus: plan.operation == .mutation ? self.mutationCost + max(0, cost - self.objectCost) : cost)
        }
        return total
    }

    private static func cost(of field: FieldPlan, pageSize: Int?, coercion: InputCoercion, variables: [String: Map], limits: QueryLimits) -> Int {
        guard field.kind == .resolver, !field.children.isEmpty else { return 0 }
        let innerPageSize = field.isConnection ? self.pageSize(of: field, coercion: coercion, variables: variables, limits: limits) : nil
        var children = 0
        for selection in field.children.values {
            var cost = 0
            for child in selection.fields {
                cost = saturated(cost, plus: self.cost(of: child, pageSize: innerPageSize, coercion: coercion, variables: variables, limits: limits))
            }
            children = max(children, cost)
        }
        if field.isConnection { return saturated(self.connectionCost, plus: children) }
        let each = saturated(self.objectCost, plus: children)
        if field.type.isList, let pageSize { return saturated(each, times: pageSize) }
        return each
    }

    private static func pageSize(of field: FieldPlan, coercion: InputCoercion, variables: [String: Map], limits: QueryLimits) -> Int {
        let arguments = try? coercion.arguments(field.arguments, nodes: field.argumentNodes, variables: variables, fieldName: field.fieldName)
        guard case .dictionary(let values) = arguments else { return limits.defaultPageSize }
        for name in ["first", "last"] {
            if case .number(let number) = values[name] ?? .null { return min(max(number.intValue, 0), limits.maximumPageSize) }
        }
        return limits.defaultPageSize
    }

    static func saturated(_ lhs: Int, plus rhs: Int) -> Int {
        let (sum, overflow) = lhs.addingReportingOverflow(rhs)
        return overflow ? Int.max : sum
    }

    static func saturated(_ lhs: Int, times rhs: Int) -> Int {
        let (product, overflow) = lhs.multipliedReportingOverflow(by: rhs)
        return overflow ? Int.max : product
    }
}
