import Foundation
import GraphQL
import QueryFixtures
import QueryLanguage
import Testing

@Suite struct ExecutionTests {
    @Test func theTypicalQueryReturnsEveryFieldInSelectionOrder() async throws {
        let run = try await Run(ShopSchema.typicalQuery, variables: ShopSchema.typicalVariables)
        #expect(run.errors.isEmpty)
        #expect(run.value("orders", "totalCount") as? Int == 100)
        #expect(run.value("orders", "pageInfo", "hasNextPage") as? Bool == false)
        #expect(run.value("orders", "edges", 0, "node", "number") as? String == "#1001")
        #expect(
            run.value("orders", "edges", 3, "node", "note") as? String == "Gift \"wrap\" \\ note 4"
                || run.value("orders", "edges", 3, "node", "note") is NSNull)
        #expect(run.value("orders", "edges", 1, "node", "tags") as? [String] == ["vip", "repeat"])
        #expect(run.value("orders", "edges", 4, "node", "customer") is NSNull)
        #expect(run.value("orders", "edges", 0, "node", "lines", 4, "price") as? String == "5.99")
        #expect(
            run.text.hasPrefix(
                "{\"data\":{\"orders\":{\"totalCount\":100,\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":\"100\"},\"edges\":[{\"cursor\":\"1\",\"node\":{\"id\":\"Order/1\",\"number\":\"#1001\",\"status\":\"SHIPPED\""
            ))
    }

    @Test func eachFieldIsResolvedOnceForAllParentsOfALevel() async throws {
        let run = try await Run("{ orders(first: 50) { nodes { lines { product { title } } } } }")
        #expect(run.errors.isEmpty)
        #expect(run.context.calls.all == ["Query.orders", "Order.lines x50", "Line.product x250"])
    }

    @Test func skipAndIncludeFollowVariables() async throws {
        let query = "query($c: Boolean!) { order(id: \"5\") { number customer @include(if: $c) { name } tags @skip(if: $c) } }"
        let with = try await Run(query, variables: ["c": true])
        #expect((with.value("order") as? [String: Any]).map { Set($0.keys) } == ["number", "customer"])
        let without = try await Run(query, variables: ["c": false])
        #expect((without.value("order") as? [String: Any]).map { Set($0.keys) } == ["number", "tags"])
    }

    @Test func aliasesAndMergedFieldsKeepTheirOrder() async throws {
        let run = try await Run("{ b: order(id: \"2\") { n: number id } a: order(id: \"3\") { id ... on Order { id number } } }")
        #expect(run.text.hasPrefix("{\"data\":{\"b\":{\"n\":\"#1002\",\"id\":\"Order/2\"},\"a\":{\"id\":\"Order/3\",\"number\":\"#1003\"}},"))
    }

    @Test func abstractFieldsResolveTheirConcreteTypes() async throws {
        let run = try await Run(
            """
            { search(term: "1") { __typename ... on Order { number } ... on Product { title } }
              node(id: "Product/2") { id ... on Product { url } } }
            """)
        #expect(run.errors.isEmpty)
        let results = try #require(run.value("search") as? [[String: Any]])
        #expect(results.contains { $0["__typename"] as? String == "Order" && $0["number"] != nil })
        #expect(results.contains { $0["__typename"] as? String == "Product" && $0["title"] != nil })
        #expect(run.value("node", "url") as? String == "https://example.com/p/2")
    }

    @Test func anObjectOfAnImpossibleTypeIsAnErrorNotACrash() async throws {
        let run = try await Run("{ node(id: \"Ghost/1\") { id } }")
        #expect(run.value("node") is NSNull)
        #expect(run.messages.first?.contains("Ghost") == true)
    }

    @Test func aFailingResolverGivesNullAndAnErrorWithPathAndLocation() async throws {
        let run = try await Run("{ order(id: \"1\") { number }\n  failing }")
        #expect(run.value("order", "number") as? String == "#1001")
        #expect(run.value("failing") is NSNull)
        #expect(run.messages == ["The failing field failed."])
        #expect(run.errors.first?["path"] as? [String] == ["failing"])
        #expect((run.errors.first?["locations"] as? [[String: Int]]) == [["line": 2, "column": 3]])
        #expect(run.codes == ["SHOP_ERROR"])
    }

    @Test func nullInANonNullFieldNullsTheNearestNullableParent() async throws {
        let run = try await Run("{ ordersWithBrokenLine { number brokenLine { sku } } version }")
        #expect(run.value("ordersWithBrokenLine") is NSNull)
        #expect(run.value("version") as? String == "1")
        #expect(run.messages.first == "Cannot return null for non-nullable field Order.brokenLine.")
        #expect(run.errors.first?["path"] as? [AnyHashable] == ["ordersWithBrokenLine", 0, "brokenLine"])
        #expect(run.errors.count == 1)
    }

    @Test func aFailingNonNullRootFieldNullsData() async throws {
        let run = try await Run("{ version failingNonNull }")
        #expect(run.body["data"] is NSNull)
        #expect(run.messages == ["The failing field failed."])
    }

    @Test func mutationsRunInOrderAndAreRefusedOverGet() async throws {
        let run = try await Run(
            "mutation { first: setNote(id: \"1\", note: \"a\") { order { number } userErrors { code } } second: setNote(id: \"999\", note: \"b\") { order { number } userErrors { field code } } }"
        )
        #expect(run.context.calls.all == ["Mutation.setNote", "Mutation.setNote"])
        #expect(run.value("first", "order", "number") as? String == "#1001")
        #expect(run.value("second", "userErrors", 0, "field") as? [String] == ["id"])
        let overGet = try await Run("mutation { setNote(id: \"1\", note: \"a\") { order { id } } }", allowMutations: false)
        #expect(overGet.response.outcome == .mutationNotAllowed)
        #expect(overGet.context.calls.all.isEmpty)
    }

    @Test func inputObjectsAndCustomScalarsAreCoerced() async throws {
        let run = try await Run(
            "query($in: EchoInput!) { echo(input: $in) }", variables: ["in": ["text": "hi", "tags": "one", "when": "2026-11-23T10:00:00Z"]])
        #expect(run.errors.isEmpty)
        let echoed = try #require(run.value("echo") as? [String: Any])
        #expect(echoed["count"] as? Int == 1)
        #expect(echoed["tags"] as? [String] == ["one"])
        let literal = try await Run("{ echo(input: {text: \"x\", amount: \"12.50\", count: 3}) }")
        #expect((literal.value("echo") as? [String: Any])?["amount"] as? String == "12.50")
    }
}

@Suite struct RequestErrorTests {
    @Test func syntaxErrorsHaveLocations() async throws {
        let run = try await Run("{ orders(first: 1) { nodes { id }")
        #expect(run.response.outcome == .rejected)
        #expect(run.body["data"] == nil)
        #expect(run.codes == ["GRAPHQL_PARSE_FAILED"])
        #expect(run.errors.first?["locations"] != nil)
    }

    @Test func validationErrorsAreAllReported() async throws {
        let run = try await Run("{ orders { nodes { nope } } order { id } }")
        #expect(run.response.outcome == .rejected)
        #expect(run.messages.contains { $0.contains("nope") })
        #expect(run.messages.contains { $0.contains("\"id\"") && $0.contains("required") })
        #expect(Set(run.codes) == ["GRAPHQL_VALIDATION_FAILED"])
    }

    @Test func badVariablesAreRefusedBeforeExecution() async throws {
        let cases: [(String, [String: Map], String)] = [
            ("query($n: Int!) { orders(first: $n) { totalCount } }", [:], "Variable \"$n\" of required type \"Int!\" was not provided."),
            ("query($n: Int!) { orders(first: $n) { totalCount } }", ["n": "ten"], "Int cannot represent"),
            ("query($n: Int!) { orders(first: $n) { totalCount } }", ["n": .double(3_000_000_000)], "Int cannot represent"),
            ("query($s: OrderStatus) { orders(status: $s) { totalCount } }", ["s": "LOST"], "does not exist in \"OrderStatus\" enum"),
            ("query($in: EchoInput!) { echo(input: $in) }", ["in": ["count": 2]], "Field \"text\" of required type \"String!\" was not provided."),
            (
                "query($in: EchoInput!) { echo(input: $in) }", ["in": ["text": "a", "extra": 1]],
                "Field \"extra\" is not defined by type \"EchoInput\""
            ),
            ("query($in: EchoInput!) { echo(input: $in) }", ["in": ["text": "a", "when": "yesterday"]], "Expected a valid DateTime"),
        ]
        for (query, variables, message) in cases {
            let run = try await Run(query, variables: variables)
            #expect(run.response.outcome == .rejected, "\(query) \(variables)")
            #expect(run.messages.first?.contains(message) == true, "\(run.messages) should contain \(message)")
            #expect(run.context.calls.all.isEmpty)
        }
    }

    @Test func operationSelectionFollowsTheSpec() async throws {
        let document = "query A { version } query B { order(id: \"1\") { number } }"
        #expect(try await Run(document).messages == ["Must provide operation name if query contains multiple operations."])
        #expect(try await Run(document, operationName: "C").messages == ["Unknown operation named \"C\"."])
        #expect(try await Run(document, operationName: "B").value("order", "number") as? String == "#1001")
    }
}

@Suite struct LimitTests {
    @Test func aQueryAboveTheMaximumCostIsRejectedWithItsCost() async throws {
        let engine = try ShopSchema.engine(limits: QueryLimits(maximumCost: 100))
        let run = try await Run("{ orders(first: 100) { nodes { number lines { sku } } } }", engine: engine)
        #expect(run.response.outcome == .rejected)
        #expect(run.messages == ["Query cost is 202, which exceeds the single query max cost limit (100)."])
        #expect(run.codes == ["MAX_COST_EXCEEDED"])
        #expect(run.cost?["requestedQueryCost"] as? Int == 202)
        #expect(run.context.calls.all.isEmpty)
    }

    @Test func costIsReportedAndUnusedPointsAreReturned() async throws {
        let engine = try ShopSchema.engine(limits: QueryLimits(bucketCapacity: 1000, restoreRate: 1))
        let run = try await Run("{ orders(first: 10, status: CANCELLED) { nodes { number } } }", engine: engine, throttleKey: "token-a")
        #expect(run.cost?["requestedQueryCost"] as? Int == 12)
        #expect(run.cost?["actualQueryCost"] as? Int == 12)
        let status = try #require(run.cost?["throttleStatus"] as? [String: Int])
        #expect(status["maximumAvailable"] == 1000)
        #expect(status["currentlyAvailable"] == 988)
        #expect(status["restoreRate"] == 1)
    }

    @Test func aTokenThatSpentItsBucketIsThrottledAndOthersAreNot() async throws {
        let engine = try ShopSchema.engine(limits: QueryLimits(bucketCapacity: 150, restoreRate: 1))
        let query = "{ orders(first: 100) { nodes { number } } }"
        #expect(try await Run(query, engine: engine, throttleKey: "a").response.outcome == .executed)
        let throttled = try await Run(query, engine: engine, throttleKey: "a")
        #expect(throttled.response.outcome == .throttled)
        #expect(throttled.codes == ["THROTTLED"])
        #expect(throttled.context.calls.all.isEmpty)
        #expect(try await Run(query, engine: engine, throttleKey: "b").response.outcome == .executed)
    }

    @Test func depthAliasAndTokenLimitsApplyBeforeExecution() async throws {
        let engine = try ShopSchema.engine(limits: QueryLimits(maximumDepth: 3, maximumAliases: 2, maximumTokens: 40))
        let deep = try await Run("{ orders { nodes { lines { product { title } } } } }", engine: engine)
        #expect(deep.codes == ["MAX_DEPTH_EXCEEDED"])
        let aliased = try await Run("{ a: version b: version c: version }", engine: engine)
        #expect(aliased.codes == ["MAX_ALIASES_EXCEEDED"])
        let long = try await Run("{ " + String(repeating: "version ", count: 50) + "}", engine: engine)
        #expect(long.codes == ["MAX_TOKENS_EXCEEDED"])
    }

    @Test func fragmentsThatMultiplyAreStoppedWhilePlanning() async throws {
        var document = "{ ...F0 }\n"
        for level in 0..<14 {
            document += "fragment F\(level) on Query { a: order(id: \"1\") { ...F\(level + 1)x } b: order(id: \"2\") { ...F\(level + 1)x } }\n"
            document += "fragment F\(level + 1)x on Order { customer { name } }\n"
        }
        let run = try await Run(document, engine: try ShopSchema.engine(limits: QueryLimits(maximumTokens: 100_000)))
        #expect(run.response.outcome == .rejected)
    }
}

@Suite struct IntrospectionTests {
    @Test func introspectionIsServedBesideDataFields() async throws {
        let run = try await Run(
            "{ version __schema { queryType { name } mutationType { name } } t: __type(name: \"Order\") { kind fields { name } } }")
        #expect(run.errors.isEmpty)
        #expect(run.value("version") as? String == "1")
        #expect(run.value("__schema", "queryType", "name") as? String == "Query")
        #expect(run.value("t", "kind") as? String == "OBJECT")
        #expect((run.value("t", "fields") as? [[String: String]])?.count == 10)
    }
}

@Suite struct SchemaBuildTests {
    @Test func aFieldWithoutResolverStopsStartUp() {
        var bindings = ShopSchema.bindings()
        bindings.object("Customer", ShopCustomer.self) { _ in }
        let sdl = ShopSchema.sdl.replacingOccurrences(of: "  email: String\n}", with: "  email: String\n  phone: String\n}")
        #expect(throws: SchemaError.self) {
            try QuerySchema(sources: [SchemaSource(name: "shop.graphql", text: sdl)], bindings: bindings, scalars: ShopSchema.scalars)
        }
        do {
            _ = try QuerySchema(sources: [SchemaSource(name: "shop.graphql", text: sdl)], bindings: bindings, scalars: ShopSchema.scalars)
        } catch {
            #expect(error.problems == ["The field Customer.phone has no resolver."])
        }
    }

    @Test func aResolverWithoutFieldOrOfTheWrongTypeStopsStartUp() {
        var bindings = ShopSchema.bindings()
        bindings.object("Customer", ShopCustomer.self) { type in type.field("nickname") { _ in .null } }
        bindings.object("Product", ShopProduct.self) { type in type.object("orders", ShopOrder.self) { _ in nil } }
        bindings.object("Line", ShopLine.self) { type in type.field("quantity") { _ in .null } }
        do {
            _ = try QuerySchema(sources: [SchemaSource(name: "shop.graphql", text: ShopSchema.sdl)], bindings: bindings, scalars: ShopSchema.scalars)
            Issue.record("the schema was accepted")
        } catch {
            #expect(error.problems.contains("The resolver Customer.nickname has no field in the schema."))
            #expect(error.problems.contains("The resolver Product.orders has no field in the schema."))
            #expect(error.problems.contains("Line.quantity has two resolvers."))
        }
    }

    @Test func invalidSDLNamesTheFile() {
        do {
            _ = try QuerySchema(sources: [SchemaSource(name: "broken.graphql", text: "type Query {")], bindings: ShopSchema.bindings(), scalars: [])
            Issue.record("the schema was accepted")
        } catch {
            #expect(error.problems.first?.hasPrefix("broken.graphql:") == true)
        }
    }
}
