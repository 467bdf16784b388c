import Catalog
import CatalogContracts
import Foundation
import IdentityContracts
import Kernel
import QueryLanguage
import Storage

/// The Catalog context in the query language (`catalog.graphql`): the SKU master, every channel's listings, and
/// mapping them (by hand, by smart match).
enum CatalogResolvers {
    static let maxIDs = 500

    struct ProductsArguments: RelayPagedArguments {
        let search: String?
        let archived: Bool?
        let first: Int?
        let after: String?
        let last: Int?
        let before: String?
    }
    struct ListingsArguments: RelayPagedArguments {
        struct Filter: Decodable, Sendable {
            let instanceId: String?
            let productId: String?
            let mapped: Bool?
            let statuses: [String]?
            let search: String?
        }
        let filter: Filter?
        let first: Int?
        let after: String?
        let last: Int?
        let before: String?

        func listingFilter() throws -> ListingFilter {
            guard let filter else { return ListingFilter() }
            return ListingFilter(
                instanceID: try IntegrationResolvers.instanceID(filter.instanceId)?.rawValue,
                productID: try filter.productId.map { try CatalogResolvers.id($0, type: "Product", field: ["filter", "productId"]) },
                mapped: filter.mapped, statuses: filter.statuses?.compactMap { CanonicalListingStatus(rawValue: $0.lowercased()) },
                search: filter.search.flatMap(\.nilIfEmpty))
        }
    }
    struct ProductArgument: Decodable, Sendable {
        struct Input: Decodable, Sendable {
            let sku: String
            let name: String
            let barcode: String?
            let attributes: JSONValue?
            let lowStockThreshold: Int?
            let unitCost: String?
        }
        let input: Input
    }
    struct MapArguments: Decodable, Sendable {
        let id: String
        let productId: String?
    }
    struct IDsArgument: Decodable, Sendable { let ids: [String]? }

    struct ProductPayload: Sendable {
        let product: Product?
        let userErrors: [UserErrorView]
    }
    struct ListingPayload: Sendable {
        let listing: Listing?
        let userErrors: [UserErrorView]
    }
    struct SmartMatchResult: Sendable {
        let match: SmartMatch
        let listing: Listing
    }
    struct SmartMatchPayload: Sendable {
        let results: [SmartMatchResult]?
        let userErrors: [UserErrorView]
    }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.connection("ProductConnection", edgeType: "ProductEdge", node: Product.self)
        bindings.connection("ListingConnection", edgeType: "ListingEdge", node: Listing.self)
        self.registerQueries(in: &bindings)
        self.registerMutations(in: &bindings)
        self.registerTypes(in: &bindings)
    }

    private static func registerQueries(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.connection(
                "products", Product.self, arguments: ProductsArguments.self,
                page: { arguments, page, transaction in
                    try await CatalogReads.products(
                        search: arguments.search.flatMap(\.nilIfEmpty), archived: arguments.archived, page: page, in: transaction)
                },
                count: { arguments, transaction in
                    try await CatalogReads.productCount(search: arguments.search.flatMap(\.nilIfEmpty), archived: arguments.archived, in: transaction)
                })
            query.connection(
                "listings", Listing.self, arguments: ListingsArguments.self,
                page: { arguments, page, transaction in try await CatalogReads.listings(try arguments.listingFilter(), page: page, in: transaction) },
                count: { arguments, transaction in try await CatalogReads.listingCount(try arguments.listingFilter(), in: transaction) })
        }
    }

    private static func registerMutations(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Mutation") { mutation in
            mutation.object("productSave", ProductPayload.self, arguments: ProductArgument.self) { parents, arguments, context in
                let query = context.context
                let input = arguments.input
                let (product, errors) = try await query.attempt(role: .staff, present: { UserErrorView.all($0, argument: ["input"]) }) {
                    let cost = try input.unitCost.map { text in
                        guard let cost = Decimal(string: text), !cost.isNaN else {
                            throw CatalogError.invalidField(field: "unitCost", reason: "must be a decimal amount, not '\(text.prefix(40))'.")
                        }
                        return cost
                    }
                    return try await query.catalog.saveProduct(
                        ProductInput(
                            sku: input.sku, name: input.name, barcode: input.barcode.flatMap(\.nilIfEmpty), attributes: input.attributes,
                            lowStockThreshold: input.lowStockThreshold.map(Int64.init), unitCost: cost),
                        tenant: query.principal.tenant)
                }
                return parents.map { _ in ProductPayload(product: product, userErrors: errors) }
            }
            for (name, mapping) in [("listingMap", true), ("listingUnmap", false)] {
                mutation.object(name, ListingPayload.self, arguments: MapArguments.self) { parents, arguments, context in
                    let query = context.context
                    let present = { (error: any DomainError) in UserErrorView.all(error, argument: [], renamed: ["listingId": "id"]) }
                    let (listing, errors) = try await query.attempt(role: .staff, present: present) {
                        let id = try self.id(arguments.id, type: "Listing", field: ["id"])
                        let product = try mapping ? self.id(arguments.productId ?? "", type: "Product", field: ["productId"]) : nil
                        return try await query.catalog.map(listing: id, to: product, tenant: query.principal.tenant)
                    }
                    return parents.map { _ in ListingPayload(listing: listing, userErrors: errors) }
                }
            }
            mutation.object("listingsSmartMatch", SmartMatchPayload.self, arguments: IDsArgument.self) { parents, arguments, context in
                let query = context.context
                let (results, errors) = try await query.attempt(role: .staff) {
                    if let ids = arguments.ids, ids.count > Self.maxIDs {
                        throw UserInputError(field: ["ids"], message: "Name at most \(Self.maxIDs) listings, not \(ids.count).", code: "TOO_MANY_IDS")
                    }
                    let ids = try arguments.ids?.enumerated().map { try self.id($1, type: "Listing", field: ["ids", String($0)]) }
                    let matches = try await query.catalog.smartMatch(listings: ids, tenant: query.principal.tenant)
                    let listings = try await query.read { try await CatalogReads.listings(ids: matches.map(\.listingID), in: $0) }
                    let byID = Dictionary(listings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                    return matches.compactMap { match in byID[match.listingID].map { SmartMatchResult(match: match, listing: $0) } }
                }
                return parents.map { _ in SmartMatchPayload(results: results, userErrors: errors) }
            }
        }
    }

    private static func registerTypes(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("Product", Product.self) { type in
            type.field("id") { .globalID("Product", $0.id) }
            type.field("sku") { .string($0.sku) }
            type.field("name") { .string($0.name) }
            type.field("barcode") { .optional($0.barcode) }
            type.field("attributes") { .json($0.attributes) }
            type.field("lowStockThreshold") { $0.lowStockThreshold.map { .int(Int($0)) } ?? .null }
            type.field("unitCost") { .decimal($0.unitCost) }
            type.field("archivedAt") { .dateTime($0.archivedAt) }
            type.field("createdAt") { .dateTime($0.createdAt) }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
        }
        bindings.object("Listing", Listing.self) { type in
            type.field("id") { .globalID("Listing", $0.id) }
            type.field("itemMasterId") { .int(Int($0.id)) }
            type.field("instanceId") { .globalID("IntegrationInstance", $0.instanceID) }
            type.field("channelProductId") { .string($0.channelProductID) }
            type.field("channelVariantId") { .optional($0.channelVariantID) }
            type.field("sku") { .string($0.sku) }
            type.field("title") { .optional($0.title) }
            type.field("barcode") { .optional($0.barcode) }
            type.field("price") { .decimal($0.price) }
            type.field("currency") { .optional($0.currency) }
            type.field("status") { .enumeration($0.status) }
            type.field("remoteStatus") { .optional($0.remoteStatus) }
            type.field("remoteUpdatedAt") { .dateTime($0.remoteUpdatedAt) }
            type.field("mappedBy") { $0.mappedBy.map { .enumeration($0) } ?? .null }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
            type.object("product", Product.self, arguments: NoArguments.self) { listings, _, context in
                try await self.products(listings.map(\.productID), context.context)
            }
        }
        bindings.object("SmartMatchResult", SmartMatchResult.self) { type in
            type.object("listing", Listing.self) { $0.listing }
            type.object("product", Product.self, arguments: NoArguments.self) { results, _, context in
                try await self.products(results.map(\.match.productID), context.context)
            }
            type.field("basis") { .string($0.match.basis.rawValue.uppercased()) }
            type.field("explanation") { .string($0.match.explanation) }
        }
        bindings.object("ProductPayload", ProductPayload.self) { type in
            type.object("product", Product.self) { $0.product }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("ListingPayload", ListingPayload.self) { type in
            type.object("listing", Listing.self) { $0.listing }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("SmartMatchPayload", SmartMatchPayload.self) { type in
            type.list("results", SmartMatchResult.self) { $0.results }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
    }

    // MARK: Helpers

    /// The products of `ids` from one batched read, in order.
    private static func products(_ ids: [Int64?], _ context: QueryContext) async throws -> [Product?] {
        let wanted = Array(Set(ids.compactMap(\.self)))
        guard !wanted.isEmpty else { return ids.map { _ in nil } }
        let products = try await context.read { try await CatalogReads.products(ids: wanted, in: $0) }
        let byID = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.map { $0.flatMap { byID[$0] } }
    }

    static func id(_ text: String, type: String, field: [String]) throws(UserInputError) -> Int64 {
        guard let number = IntegrationResolvers.number(text, type: type) else {
            throw UserInputError(field: field, message: "\(text.prefix(100)) is not a \(type.lowercased()) id.", code: "INVALID_ID")
        }
        return number
    }
}
