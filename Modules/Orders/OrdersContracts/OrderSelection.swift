/// The orders a bulk action applies to: the ids the admin ticked, or every order of the list as it is filtered now
/// (`applyToAll`, with the list's instance and filter).
public enum OrderSelection: Sendable, Equatable {
    case ids([Int64])
    case all(instance: Int64?, filter: ChannelOrderFilter?)

    /// Most ids one request may name.
    public static let maxIDs = 1000
}

extension OrderSelection {
    /// The selection a bulk action's input names: `ids`, or `applyToAll` with the list's instance and filter — not both.
    public static func chosen(ids: [Int64]?, applyToAll: Bool, instance: Int64?, filter: ChannelOrderFilter?) throws(OrdersError)
        -> OrderSelection
    {
        if applyToAll {
            guard ids?.isEmpty ?? true else { throw .selectionInvalid("Give the orders' ids or applyToAll, not both.") }
            return .all(instance: instance, filter: filter)
        }
        guard instance == nil, filter == nil else {
            throw .selectionInvalid("instanceId and filter choose orders only with applyToAll: true.")
        }
        guard let ids, !ids.isEmpty else { throw .selectionInvalid("Give the orders' ids, or applyToAll: true with the list's filter.") }
        guard ids.count <= Self.maxIDs else {
            throw .selectionInvalid("A selection may name at most \(Self.maxIDs) orders, not \(ids.count); use applyToAll with a filter.")
        }
        return .ids(ids)
    }
}
