import OrdersContracts
import Testing

/// A bulk action's selection: the ids ticked, or the whole filtered list — never both, never neither, never too many ids.
@Suite struct OrderSelectionTests {
    @Test func idsOrApplyToAllButNotBoth() throws {
        #expect(try OrderSelection.chosen(ids: [3, 4], applyToAll: false, instance: nil, filter: nil) == .ids([3, 4]))
        let filter = ChannelOrderFilter(search: "ann")
        #expect(try OrderSelection.chosen(ids: nil, applyToAll: true, instance: 7, filter: filter) == .all(instance: 7, filter: filter))
        #expect(throws: OrdersError.self) { try OrderSelection.chosen(ids: [3], applyToAll: true, instance: nil, filter: nil) }
        #expect(throws: OrdersError.self) { try OrderSelection.chosen(ids: nil, applyToAll: false, instance: nil, filter: nil) }
        #expect(throws: OrdersError.self) { try OrderSelection.chosen(ids: [], applyToAll: false, instance: nil, filter: nil) }
        #expect(throws: OrdersError.self) { try OrderSelection.chosen(ids: [3], applyToAll: false, instance: 7, filter: nil) }
    }

    @Test func aSelectionNamesAtMostAThousandIDs() throws {
        let most = Array(Int64(1)...Int64(OrderSelection.maxIDs))
        #expect(try OrderSelection.chosen(ids: most, applyToAll: false, instance: nil, filter: nil) == .ids(most))
        #expect(throws: OrdersError.selectionInvalid("A selection may name at most 1000 orders, not 1001; use applyToAll with a filter.")) {
            try OrderSelection.chosen(ids: most + [1001], applyToAll: false, instance: nil, filter: nil)
        }
    }
}
