import Foundation
import GraphQL
import QueryLanguage
import Synchronization

/// The request context of the in-memory shop: its data and a log of resolver calls (one entry per batch).
public struct ShopContext: Sendable {
    public let orders: [ShopOrder]
    public let calls: CallLog

    public init(orders: [ShopOrder] = ShopData.orders(), calls: CallLog = CallLog()) {
        self.orders = orders
        self.calls = calls
    }
}

/// Which batched resolvers ran, and with how many parents.
public final class CallLog: Sendable {
    private let entries = Mutex<[String]>([])

    public init() {}

    func record(_ entry: String) {
        self.entries.withLock { $0.append(entry) }
    }

    public var all: [String] { self.entries.withLock { $0 } }
}

struct ShopError: Error {
    let message: String
}

public enum ShopSchema {
    public static let sdl = """
        "An exact decimal number, as a string."
        scalar Decimal
        "An ISO 8601 date-time with offset."
        scalar DateTime
        scalar JSON
        scalar URL

        interface Node {
          id: ID!
        }

        type Query {
          orders(first: Int, after: String, last: Int, before: String, status: OrderStatus): OrderConnection!
          order(id: ID!): Order
          node(id: ID!): Node
          search(term: String!): [SearchResult!]!
          echo(input: EchoInput!): JSON
          failing: String
          failingNonNull: String!
          ordersWithBrokenLine: [Order!]
          version: String! @deprecated(reason: "Use extensions.")
        }

        type Mutation {
          setNote(id: ID!, note: String!): SetNotePayload!
        }

        type SetNotePayload {
          order: Order
          userErrors: [UserError!]!
        }

        type UserError {
          field: [String!]
          message: String!
          code: String
        }

        enum OrderStatus {
          PENDING
          SHIPPED
          CANCELLED
        }

        type OrderConnection {
          edges: [OrderEdge!]!
          nodes: [Order!]!
          pageInfo: PageInfo!
          totalCount: Int!
        }

        type OrderEdge {
          cursor: String!
          node: Order!
        }

        type PageInfo {
          hasNextPage: Boolean!
          hasPreviousPage: Boolean!
          startCursor: String
          endCursor: String
        }

        "A customer's order."
        type Order implements Node {
          id: ID!
          number: String!
          status: OrderStatus!
          total: Decimal!
          placedAt: DateTime!
          note: String
          tags: [String!]!
          customer: Customer
          lines: [Line!]!
          brokenLine: Line!
        }

        type Line implements Node {
          id: ID!
          sku: String!
          quantity: Int!
          price: Decimal!
          product: Product
        }

        type Product implements Node {
          id: ID!
          title: String!
          url: URL
        }

        type Customer implements Node {
          id: ID!
          name: String!
          email: String
        }

        union SearchResult = Order | Product

        input EchoInput {
          text: String!
          count: Int = 1
          tags: [String!]
          when: DateTime
          amount: Decimal
        }
        """

    /// The custom scalars, checked as the application checks its own.
    public static let scalars: [CustomScalar] = [
        CustomScalar(name: "Decimal") { value in
            switch value {
            case .string(let text): return Decimal(string: text).map { _ in value }
            case .number(let number): return .string("\(number.doubleValue)")
            default: return nil
            }
        },
        CustomScalar(name: "DateTime") { value in
            guard case .string(let text) = value, (try? Date(text, strategy: .iso8601)) != nil else { return nil }
            return value
        },
        CustomScalar(name: "JSON") { $0 },
        CustomScalar(name: "URL") { value in
            guard case .string(let text) = value, URL(string: text)?.scheme != nil else { return nil }
            return value
        },
    ]

    struct OrdersArguments: Decodable, Sendable {
        let first: Int?
        let after: String?
        let last: Int?
        let before: String?
        let status: String?
    }

    struct IDArgument: Decodable, Sendable {
        let id: String
    }

    struct SearchArguments: Decodable, Sendable {
        let term: String
    }

    struct EchoArguments: Decodable, Sendable {
        struct Input: Codable, Sendable {
            let text: String
            let count: Int?
            let tags: [String]?
            let when: String?
            let amount: String?
        }
        let input: Input
    }

    struct SetNoteArguments: Decodable, Sendable {
        let id: String
        let note: String
    }

    struct SetNotePayload: Sendable {
        let order: ShopOrder?
        let userErrors: [UserError]
    }

    struct UserError: Sendable {
        let field: [String]
        let message: String
        let code: String
    }

    public static func bindings() -> SchemaBindings<ShopContext> {
        var bindings = SchemaBindings<ShopContext>()
        bindings.pageInfo()
        bindings.connection("OrderConnection", edgeType: "OrderEdge", node: ShopOrder.self)
        bindings.root("Query") { query in
            query.object("orders", ConnectionPage<ShopOrder>.self, arguments: OrdersArguments.self) { parents, arguments, context in
                context.context.calls.record("Query.orders")
                var orders = context.context.orders
                if let status = arguments.status { orders = orders.filter { $0.status == status } }
                let start = arguments.after.flatMap(Int.init).map { after in orders.firstIndex { $0.id > after } ?? orders.count } ?? 0
                let size = arguments.first ?? 50
                guard (0...250).contains(size) else { throw ShopError(message: "first must be between 0 and 250.") }
                let page = orders[start...].prefix(size)
                let connection = ConnectionPage(
                    edges: page.map { .init(cursor: String($0.id), node: $0) }, hasNextPage: start + page.count < orders.count,
                    hasPreviousPage: start > 0, totalCount: context.selects("totalCount") ? orders.count : nil)
                return parents.map { _ in connection }
            }
            query.object("order", ShopOrder.self, arguments: IDArgument.self) { parents, arguments, context in
                let order = context.context.orders.first { String($0.id) == arguments.id }
                return parents.map { _ in order }
            }
            query.abstract("node", arguments: IDArgument.self) { parents, arguments, context in
                let parts = arguments.id.split(separator: "/")
                var found: TypedObject?
                if parts.count == 2, let id = Int(parts[1]) {
                    switch parts[0] {
                    case "Order": found = context.context.orders.first { $0.id == id }.map { TypedObject(typeName: "Order", value: $0) }
                    case "Product": found = ShopData.products[id].map { TypedObject(typeName: "Product", value: $0) }
                    case "Ghost": found = TypedObject(typeName: "Ghost", value: id)
                    default: found = nil
                    }
                }
                return parents.map { _ in [found] }
            }
            query.abstract("search", arguments: SearchArguments.self, list: true) { parents, arguments, context in
                let orders = context.context.orders.filter { $0.number.contains(arguments.term) }.map { TypedObject(typeName: "Order", value: $0) }
                let products = ShopData.products.values.sorted { $0.id < $1.id }.filter { $0.title.contains(arguments.term) }.map {
                    TypedObject(typeName: "Product", value: $0)
                }
                return parents.map { _ in orders + products }
            }
            query.field("echo", arguments: EchoArguments.self) { parents, arguments, _ in
                let json = String(decoding: try JSONEncoder().encode(arguments.input), as: UTF8.self)
                return parents.map { _ in .json(json) }
            }
            query.field("failing", arguments: NoArguments.self) { _, _, _ in throw ShopError(message: "The failing field failed.") }
            query.field("failingNonNull", arguments: NoArguments.self) { _, _, _ in throw ShopError(message: "The failing field failed.") }
            query.list("ordersWithBrokenLine", ShopOrder.self) { _ in ShopData.orders(count: 2, linesPerOrder: 1) }
            query.field("version") { _ in .string("1") }
        }
        bindings.root("Mutation") { mutation in
            mutation.object("setNote", SetNotePayload.self, arguments: SetNoteArguments.self) { parents, arguments, context in
                context.context.calls.record("Mutation.setNote")
                guard let order = context.context.orders.first(where: { String($0.id) == arguments.id }) else {
                    return parents.map { _ in
                        SetNotePayload(order: nil, userErrors: [UserError(field: ["id"], message: "No order has this id.", code: "NOT_FOUND")])
                    }
                }
                return parents.map { _ in SetNotePayload(order: order, userErrors: []) }
            }
        }
        bindings.object("SetNotePayload", SetNotePayload.self) { type in
            type.object("order", ShopOrder.self) { $0.order }
            type.list("userErrors", UserError.self) { $0.userErrors }
        }
        bindings.object("UserError", UserError.self) { type in
            type.field("field") { .list($0.field.map(LeafValue.string)) }
            type.field("message") { .string($0.message) }
            type.field("code") { .string($0.code) }
        }
        bindings.object("Order", ShopOrder.self) { type in
            type.field("id") { .string("Order/\($0.id)") }
            type.field("number") { .string($0.number) }
            type.field("status") { .string($0.status) }
            type.field("total") { .string($0.total.description) }
            type.field("placedAt") { .string($0.placedAt) }
            type.field("note") { .optional($0.note) }
            type.field("tags") { .list($0.tags.map(LeafValue.string)) }
            type.object("customer", ShopCustomer.self) { $0.customer }
            type.list("lines", ShopLine.self, arguments: NoArguments.self) { parents, _, context in
                context.context.calls.record("Order.lines x\(parents.count)")
                return parents.map { $0.lines }
            }
            type.object("brokenLine", ShopLine.self) { _ in nil }
        }
        bindings.object("Line", ShopLine.self) { type in
            type.field("id") { .string("Line/\($0.id)") }
            type.field("sku") { .string($0.sku) }
            type.field("quantity") { .int($0.quantity) }
            type.field("price") { .string($0.price.description) }
            type.object("product", ShopProduct.self, arguments: NoArguments.self) { parents, _, context in
                context.context.calls.record("Line.product x\(parents.count)")
                return parents.map { ShopData.products[$0.productID] }
            }
        }
        bindings.object("Product", ShopProduct.self) { type in
            type.field("id") { .string("Product/\($0.id)") }
            type.field("title") { .string($0.title) }
            type.field("url") { .optional($0.url) }
        }
        bindings.object("Customer", ShopCustomer.self) { type in
            type.field("id") { .string("Customer/\($0.id)") }
            type.field("name") { .string($0.name) }
            type.field("email") { .optional($0.email) }
        }
        return bindings
    }

    public static func schema() throws -> QuerySchema<ShopContext> {
        try QuerySchema(sources: [SchemaSource(name: "shop.graphql", text: self.sdl)], bindings: self.bindings(), scalars: self.scalars)
    }

    public static func engine(limits: QueryLimits = QueryLimits()) throws -> QueryEngine<ShopContext> {
        QueryEngine(schema: try self.schema(), limits: limits) { error in
            if let error = error as? FieldError { return error }
            if let error = error as? ShopError { return FieldError(message: error.message, code: "SHOP_ERROR") }
            return FieldError(message: "Internal error.", code: "INTERNAL_SERVER_ERROR")
        }
    }

    /// The benchmark's typical admin query: 100 orders × 5 lines, a fragment, 4 variables.
    public static let typicalQuery = """
        query RecentOrders($first: Int!, $status: OrderStatus, $withCustomer: Boolean!, $after: String) {
          orders(first: $first, status: $status, after: $after) {
            totalCount
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              cursor
              node {
                ...OrderFields
                customer @include(if: $withCustomer) {
                  id
                  name
                  email
                }
              }
            }
          }
        }

        fragment OrderFields on Order {
          id
          number
          status
          total
          placedAt
          note
          tags
          lines {
            id
            sku
            quantity
            price
          }
        }
        """

    public static let typicalVariables: [String: Map] = ["first": 100, "status": .null, "withCustomer": true, "after": .null]
}
