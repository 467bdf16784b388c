import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The Inventory context in the query language: every change the REST surface makes, as mutations with user errors that
/// name their argument, and the reads (stock, ledger, reservation, warehouses, strategies).
@Suite struct InventoryQueryTests {
    @Test func theAdminManagesStockAndReservationsInTheQueryLanguage() async throws {
        try await AppFixture.run { fixture, client in
            let owner = try await fixture.adminHeaders(fixture.owner)
            let staff = try await fixture.adminHeaders(fixture.staff)
            let viewer = try await fixture.adminHeaders(fixture.viewer)

            let (_, warehouse) = try await client.graphQL(
                #"mutation { warehouseSave(input: {code: "east", name: "East", priority: 1}) { warehouse { id code priority } userErrors { code } } }"#,
                headers: owner)
            #expect(value(warehouse, "warehouseSave", "warehouse", "code") as? String == "east")
            let (_, staffWarehouse) = try await client.graphQL(
                #"mutation { warehouseSave(input: {code: "west", name: "West"}) { warehouse { id } userErrors { code } } }"#, headers: staff)
            #expect(value(staffWarehouse, "warehouseSave", "userErrors", 0, "code") as? String == "INSUFFICIENT_ROLE")

            let set = """
                mutation($changes: [InventoryQuantityInput!]!) {
                  inventorySetQuantities(changes: $changes) { items { sku onHand available warehouses { warehouse onHand } } userErrors { field message code } }
                }
                """
            let (_, invalid) = try await client.graphQL(
                set, variables: ["changes": [["sku": "G-1", "quantity": 5], ["sku": "G-1", "quantity": -3, "warehouse": "east"]]], headers: staff)
            #expect(value(invalid, "inventorySetQuantities", "userErrors", 0, "field") as? [String] == ["changes", "1"])
            #expect(value(invalid, "inventorySetQuantities", "userErrors", 0, "code") as? String == "INVALID_ITEMS")
            let (_, refused) = try await client.graphQL(set, variables: ["changes": [["sku": "G-1", "quantity": 5]]], headers: viewer)
            #expect(value(refused, "inventorySetQuantities", "userErrors", 0, "code") as? String == "INSUFFICIENT_ROLE")
            let (_, stocked) = try await client.graphQL(
                set,
                variables: ["changes": [["sku": "G-1", "quantity": 5], ["sku": "G-1", "quantity": 2, "warehouse": "east", "reason": "count"]]],
                headers: staff)
            #expect(value(stocked, "inventorySetQuantities", "items", 0, "onHand") as? Int == 7, "\(stocked)")
            #expect(value(stocked, "inventorySetQuantities", "items", 0, "warehouses", 0, "warehouse") as? String == "east", "by priority")

            let (_, strategy) = try await client.graphQL(
                #"mutation { inventoryAllocationStrategySet(channel: "ebay", strategy: HIGHEST_STOCK) { allocationStrategy { channel strategy } userErrors { code } } }"#,
                headers: owner)
            #expect(value(strategy, "inventoryAllocationStrategySet", "allocationStrategy", "strategy") as? String == "HIGHEST_STOCK")

            let reserve = """
                mutation($input: InventoryReserveInput!) {
                  inventoryReserve(input: $input) { reservation { id state orderRef lines { sku warehouse quantity } } userErrors { field message code } }
                }
                """
            let (_, short) = try await client.graphQL(
                reserve, variables: ["input": ["items": [["sku": "G-1", "quantity": 1], ["sku": "G-1", "quantity": 7]], "orderRef": "o-1"]],
                headers: staff)
            #expect(value(short, "inventoryReserve", "userErrors", 0, "field") as? [String] == ["input", "items", "0"])
            #expect(value(short, "inventoryReserve", "userErrors", 0, "message") as? String == "G-1: 8 requested, 7 available.")
            let (_, ttl) = try await client.graphQL(
                reserve, variables: ["input": ["items": [["sku": "G-1", "quantity": 1]], "ttlSeconds": 0]], headers: staff)
            #expect(value(ttl, "inventoryReserve", "userErrors", 0, "field") as? [String] == ["input", "ttlSeconds"])
            let (_, held) = try await client.graphQL(
                reserve, variables: ["input": ["items": [["sku": "G-1", "quantity": 6]], "orderRef": "o-2", "channel": "ebay"]], headers: staff)
            let lines = try #require(value(held, "inventoryReserve", "reservation", "lines") as? [[String: Any]])
            #expect(
                lines.map { "\($0["warehouse"] as? String ?? "")=\($0["quantity"] as? Int ?? 0)" } == ["default=5", "east=1"], "highest stock first")
            let id = try #require(value(held, "inventoryReserve", "reservation", "id") as? String)

            let commit = "mutation($id: ID!) { inventoryReservationCommit(id: $id) { reservation { state } userErrors { field code } } }"
            let (_, committed) = try await client.graphQL(commit, variables: ["id": id], headers: staff)
            #expect(value(committed, "inventoryReservationCommit", "reservation", "state") as? String == "COMMITTED")
            let (_, again) = try await client.graphQL(commit, variables: ["id": id], headers: staff)
            #expect(value(again, "inventoryReservationCommit", "userErrors", 0, "code") as? String == "RESERVATION_ENDED")
            let (_, badID) = try await client.graphQL(commit, variables: ["id": "gid://switchyard/Warehouse/1"], headers: staff)
            #expect(value(badID, "inventoryReservationCommit", "userErrors", 0, "field") as? [String] == ["id"])
            #expect(value(badID, "inventoryReservationCommit", "userErrors", 0, "code") as? String == "INVALID_ID")

            let (_, read) = try await client.graphQL(
                """
                query($id: ID!) {
                  inventoryItems(skus: ["G-1", "NONE"]) { sku onHand reserved available warehouses { warehouse } }
                  inventoryLedger(sku: "G-1", first: 2) { totalCount nodes { delta balanceAfter kind reason source reference } pageInfo { hasNextPage } }
                  inventoryReservation(id: $id) { state orderRef }
                  warehouses { code }
                  inventoryAllocationStrategies { channel strategy }
                }
                """, variables: ["id": id], headers: viewer)
            #expect(value(read, "inventoryItems", 0, "onHand") as? Int == 1 && value(read, "inventoryItems", 0, "reserved") as? Int == 0)
            #expect((value(read, "inventoryItems", 1, "warehouses") as? [Any])?.isEmpty == true, "a SKU never stocked has none")
            #expect(value(read, "inventoryLedger", "totalCount") as? Int == 4, "two sets and two order rows")
            #expect(value(read, "inventoryLedger", "nodes", 0, "kind") as? String == "ORDER")
            #expect(value(read, "inventoryLedger", "nodes", 0, "source") as? String == "ADMIN")
            #expect(value(read, "inventoryLedger", "pageInfo", "hasNextPage") as? Bool == true)
            #expect(value(read, "inventoryReservation", "orderRef") as? String == "o-2")
            #expect((value(read, "warehouses") as? [[String: Any]])?.map { $0["code"] as? String } == ["east", "default"])
            #expect(value(read, "inventoryAllocationStrategies", 0, "channel") as? String == "ebay")
        }
    }
}
