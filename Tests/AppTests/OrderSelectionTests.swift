import OrdersContracts
import Testing

/// A bulk action's selection: the ids ticked, or the whole filtered list — never both, never neither, never too many ids.
@Suite struct OrderSelectionTests {
    @Test func idsOrApplyToAllButNotBoth() throws {
        #expect(try OrderSelection.chosen(ids: [3, 4], applyToAll: false, instance: nil, filter: nil) == .ids([3, 4]))
        let filter = ChannelOrderFilter(search: "ann")
        #expect(try OrderSelection.chosen(ids: nil, applyToAll: true, instance: 7, filter: filter) == .all(instance: 7, filter: filter))
        #expect(try OrderSelection.chosen(ids: [], applyToAll: true, instance: nil, filter: nil) == .all(instance: nil, filter: nil))
        let both = OrdersError.selectionInvalid("Give the orders' ids or applyToAll, not both.")
        #expect(throws: both) { try OrderSelection.chosen(ids: [3], applyToAll: true, instance: nil, filter: nil) }
        let neither = OrdersError.selectionInvalid("Give the orders' ids, or applyToAll: true with the list's filter.")
        #expect(throws: neither) { try OrderSelection.chosen(ids: nil, applyToAll: false, instance: nil, filter: nil) }
        #expect(throws: neither) { try OrderSelection.chosen(ids: [], applyToAll: false, instance: nil, filter: nil) }
        #expect(throws: OrdersError.selectionInvalid("instanceId and filter choose orders only with applyToAll: true.")) {
            try OrderSelection.chosen(ids: [3], applyToAll: false, instance: 7, filter: nil)
        }
    }

    @Test func aSelectionNamesAtMostAThousandIDs() throws {
        let most = Array(Int64(1)...Int64(OrderSelection.maxIDs))
        #expect(try OrderSelection.chosen(ids: most, applyToAll: false, instance: nil, filter: nil) == .ids(most))
        #expect(throws: OrdersError.selectionInvalid("A selection may name at most 1000 orders, not 1001; use applyToAll with a filter.")) {
            try OrderSelection.chosen(ids: most + [1001], applyToAll: false, instance: nil, filter: nil)
        }
    }
}
