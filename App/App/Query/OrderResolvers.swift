import Foundation
import IdentityContracts
import IntegrationsContracts
import Kernel
import Orders
import OrdersContracts
import QueryLanguage
import Storage

/// The Orders context in the query language: carriers, the channel-order list with its stats and filter options, an
/// order's detail, and the admin's archive and delete actions (`orders.graphql`).
enum OrderResolvers {
    struct ProviderArgument: Decodable, Sendable { let provider: String? }
    struct IDArgument: Decodable, Sendable { let id: String }
    struct StatsArguments: Decodable, Sendable {
        let instanceId: String?
        let filter: ChannelOrderFilter?
    }
    struct InstanceArgument: Decodable, Sendable { let instanceId: String? }
    struct SelectionArguments: Decodable, Sendable {
        struct Selection: Decodable, Sendable {
            let ids: [String]?
            let applyToAll: Bool?
            let instanceId: String?
            let filter: ChannelOrderFilter?
        }
        let selection: Selection
    }

    struct OrderPayload: Sendable {
        let order: ChannelOrder?
        let userErrors: [UserErrorView]
    }

    /// A bulk action's answer: how many orders changed, and which when the request named them (an `applyToAll` over a
    /// large list answers the count alone).
    struct OrdersPayload: Sendable {
        let count: Int?
        let ids: [Int64]?
        let userErrors: [UserErrorView]
    }

    typealias ListArguments = IntegrationResolvers.InstanceConnectionArguments<ChannelOrderFilter, ChannelOrderSortField>

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.connection("ChannelOrderConnection", edgeType: "ChannelOrderEdge", node: ChannelOrder.self)
        self.registerQueries(in: &bindings)
        self.registerMutations(in: &bindings)
        self.registerOrderTypes(in: &bindings)
        self.registerListTypes(in: &bindings)
    }

    private static func registerQueries(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.list("carrierCodes", ProviderCarrierCode.self, arguments: ProviderArgument.self) { parents, arguments, context in
                let providers = try arguments.provider.map { [try UserInputError.provider($0, field: ["provider"])] }
                let codes = try await context.context.read { try await OrdersReads.carrierCodes(providers: providers, in: $0) }
                return parents.map { _ in codes.map(Optional.some) }
            }
            query.connection(
                "channelOrders", ChannelOrder.self, arguments: ListArguments.self,
                page: { arguments, page, transaction in
                    try await OrdersReads.channelOrders(
                        instance: try self.instance(arguments.instanceId), filter: arguments.filter, sort: arguments.sort ?? [], page: page,
                        in: transaction)
                },
                count: { arguments, transaction in
                    try await OrdersReads.channelOrderCount(
                        instance: try self.instance(arguments.instanceId), filter: arguments.filter, in: transaction)
                })
            query.object("channelOrderStats", OrderStats.self, arguments: StatsArguments.self) { parents, arguments, context in
                let instance = try self.instance(arguments.instanceId)
                let stats = try await context.context.read { try await OrdersReads.orderStats(instance: instance, filter: arguments.filter, in: $0) }
                return parents.map { _ in stats }
            }
            query.object("channelOrderFilterOptions", OrderFilterOptions.self, arguments: InstanceArgument.self) { parents, arguments, context in
                let instance = try self.instance(arguments.instanceId)
                let options = try await context.context.read { try await OrdersReads.orderFilterOptions(instance: instance, in: $0) }
                return parents.map { _ in options }
            }
        }
    }

    private static func registerMutations(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Mutation") { mutation in
            for (name, archived) in [("channelOrderArchive", true), ("channelOrderUnarchive", false)] {
                mutation.object(name, OrderPayload.self, arguments: IDArgument.self) { parents, arguments, context in
                    let payload = try await self.archiveOne(archived, arguments.id, context.context)
                    return parents.map { _ in payload }
                }
            }
            mutation.object("channelOrderDelete", OrdersPayload.self, arguments: IDArgument.self) { parents, arguments, context in
                let query = context.context
                let (ids, errors) = try await query.attempt(role: .admin) {
                    try await self.naming(["id"]) {
                        let id = try self.orderID(arguments.id, field: ["id"])
                        let deleted = try await query.orders.deleteOrders(
                            .ids([id]), tenant: query.principal.tenant, actor: query.principal.actorName)
                        guard !deleted.isEmpty else { throw OrdersError.orderNotFound(arguments.id) }
                        return deleted
                    }
                }
                return parents.map { _ in OrdersPayload(count: ids?.count, ids: ids, userErrors: errors) }
            }
            for (name, archived) in [("channelOrdersArchive", true), ("channelOrdersUnarchive", false)] {
                mutation.object(name, OrdersPayload.self, arguments: SelectionArguments.self) { parents, arguments, context in
                    let payload = try await self.bulk(arguments.selection, role: .staff, context.context) { orders, selection, principal in
                        try await orders.setArchived(archived, selection, tenant: principal.tenant, actor: principal.actorName)
                    }
                    return parents.map { _ in payload }
                }
            }
            mutation.object("channelOrdersDelete", OrdersPayload.self, arguments: SelectionArguments.self) { parents, arguments, context in
                let payload = try await self.bulk(arguments.selection, role: .admin, context.context) { orders, selection, principal in
                    try await orders.deleteOrders(selection, tenant: principal.tenant, actor: principal.actorName)
                }
                return parents.map { _ in payload }
            }
        }
    }

    private static func registerOrderTypes(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("CarrierCode", ProviderCarrierCode.self) { type in
            type.field("provider") { .enumeration($0.provider) }
            type.field("code") { .string($0.code) }
            type.field("displayName") { .string($0.displayName) }
        }
        bindings.object("ChannelOrder", ChannelOrder.self) { type in
            type.field("id") { .globalID("ChannelOrder", $0.id) }
            type.object("integrationInstance", IntegrationInstance.self, arguments: NoArguments.self) { orders, _, context in
                try await IntegrationResolvers.instances(of: orders.map { IntegrationInstanceID($0.instanceID) }, context.context)
            }
            type.field("provider") { .enumeration($0.provider) }
            type.field("externalOrderId") { .string($0.externalOrderID) }
            type.field("orderNumber") { .optional($0.orderNumberHint) }
            type.field("status") { .optional($0.status) }
            type.field("paymentStatus") { .optional($0.paymentStatus) }
            type.field("canonicalStatus") { .enumeration($0.canonicalStatus) }
            type.field("localStatus") { $0.localStatus.map(LeafValue.enumeration) ?? .null }
            type.field("aggregatedStatus") { .enumeration($0.aggregatedStatus) }
            type.field("orderedAt") { .dateTime($0.orderedAt) }
            type.field("lastRemoteUpdateAt") { .dateTime($0.lastRemoteUpdateAt) }
            type.field("taxesIncluded") { .optional($0.taxesIncluded) }
            type.field("buyerName") { .optional($0.buyerName) }
            type.field("buyerEmail") { .optional($0.buyerEmail) }
            type.field("currency") { .optional($0.currency) }
            type.field("subtotal") { .decimal($0.amounts.subtotal) }
            type.field("shipping") { .decimal($0.amounts.shipping) }
            type.field("tax") { .decimal($0.amounts.tax) }
            type.field("discount") { .decimal($0.amounts.discount) }
            type.field("total") { .decimal($0.amounts.total) }
            type.object("billingAddress", PostalAddress.self) { $0.billingAddress }
            type.object("shippingAddress", PostalAddress.self) { $0.shippingAddress }
            type.field("paymentMethod") { .optional($0.paymentMethod) }
            type.field("isGift") { .bool($0.isGift) }
            type.field("notes") { .optional($0.notes) }
            type.field("lineItemsCount") { .int($0.lineItemsCount) }
            type.field("itemsTotalQuantity") { .int($0.itemsTotalQuantity) }
            type.field("channelMetadata") { .json($0.channelMetadata) }
            type.field("importedToErp") { .bool($0.importedToErp) }
            type.field("importedAt") { .dateTime($0.importedAt) }
            type.field("archivedAt") { .dateTime($0.archivedAt) }
            type.field("createdAt") { .dateTime($0.createdAt) }
            type.field("updatedAt") { .dateTime($0.updatedAt) }
            type.list("lines", ChannelOrderLine.self, arguments: NoArguments.self) { orders, _, context in
                try await self.children(of: orders, context.context, OrdersReads.lines)
            }
            type.list("refunds", ChannelRefund.self, arguments: NoArguments.self) { orders, _, context in
                try await self.children(of: orders, context.context, OrdersReads.refunds)
            }
            type.list("shipments", OrderShipment.self, arguments: NoArguments.self) { orders, _, context in
                try await self.children(of: orders, context.context, OrdersReads.shipments)
            }
            type.field("rawPayload", arguments: NoArguments.self) { orders, _, context in
                let ids = orders.map(\.id)
                let payloads = try await context.context.read { try await OrdersReads.rawPayloads(of: ids, in: $0) }
                return orders.map { payloads[$0.id].map(LeafValue.json) ?? .json(.object([])) }
            }
        }
        bindings.object("PostalAddress", PostalAddress.self) { type in
            type.field("name") { .optional($0.name) }
            type.field("address1") { .optional($0.address1) }
            type.field("address2") { .optional($0.address2) }
            type.field("city") { .optional($0.city) }
            type.field("region") { .optional($0.region) }
            type.field("postal") { .optional($0.postal) }
            type.field("country") { .optional($0.country) }
            type.field("phone") { .optional($0.phone) }
        }
        bindings.object("OrderLine", ChannelOrderLine.self) { type in
            type.field("position") { .int($0.position) }
            type.field("externalLineId") { .optional($0.line.externalLineID) }
            type.field("sku") { .optional($0.line.sku) }
            type.field("title") { .optional($0.line.title) }
            type.field("variantSku") { .optional($0.line.variantSKU) }
            type.field("channelProductId") { .optional($0.line.channelProductID) }
            type.field("channelVariantId") { .optional($0.line.channelVariantID) }
            type.field("quantity") { .int($0.line.quantity) }
            type.field("currency") { .optional($0.line.currency) }
            type.field("unitPrice") { .decimal($0.line.unitPrice) }
            type.field("sellingUnitPrice") { .decimal($0.line.sellingUnitPrice) }
            type.field("totalPrice") { .decimal($0.line.totalPrice) }
            type.field("tax") { .decimal($0.line.tax) }
            type.field("discount") { .decimal($0.line.discount) }
            type.field("shipping") { .decimal($0.line.shipping) }
            type.field("fulfillmentStatus") { .optional($0.line.fulfillmentStatus) }
            type.field("isGift") { .bool($0.line.isGift) }
            type.field("notes") { .optional($0.line.notes) }
            type.field("assignedLocationId") { .optional($0.line.assignedLocationID.map(String.init)) }
            type.field("assignedLocationName") { .optional($0.line.assignedLocationName) }
        }
        bindings.object("Refund", ChannelRefund.self) { type in
            type.field("id") { .globalID("Refund", $0.id) }
            type.field("externalRefundId") { .string($0.refund.externalRefundID) }
            type.field("externalOrderId") { .optional($0.refund.externalOrderID) }
            type.field("occurredAt") { .dateTime($0.refund.occurredAt) }
            type.field("lastRemoteUpdateAt") { .dateTime($0.refund.lastRemoteUpdateAt) }
            type.field("amount") { .decimal($0.refund.amount) }
            type.field("currency") { .optional($0.refund.currency) }
            type.field("subtotal") { .decimal($0.refund.subtotal) }
            type.field("shipping") { .decimal($0.refund.shipping) }
            type.field("tax") { .decimal($0.refund.tax) }
            type.field("discount") { .decimal($0.refund.discount) }
            type.field("total") { .decimal($0.refund.total) }
            type.field("paymentStatus") { .optional($0.refund.paymentStatus) }
            type.field("paymentMethod") { .optional($0.refund.paymentMethod) }
            type.field("reasonCode") { .optional($0.refund.reasonCode) }
            type.field("notes") { .optional($0.refund.notes) }
            type.list("lines", NormalizedRefundLine.self) { $0.refund.lines }
            type.field("importedToErp") { .bool($0.importedToErp) }
            type.field("importedAt") { .dateTime($0.importedAt) }
            type.field("rawPayload") { .json($0.refund.rawPayload) }
        }
        bindings.object("RefundLine", NormalizedRefundLine.self) { type in
            type.field("externalLineId") { .optional($0.externalLineID) }
            type.field("sku") { .optional($0.sku) }
            type.field("title") { .optional($0.title) }
            type.field("variantSku") { .optional($0.variantSKU) }
            type.field("quantity") { .int($0.quantity) }
            type.field("currency") { .optional($0.currency) }
            type.field("unitRefund") { .decimal($0.unitRefund) }
            type.field("totalRefund") { .decimal($0.totalRefund) }
            type.field("tax") { .decimal($0.tax) }
            type.field("discount") { .decimal($0.discount) }
            type.field("shipping") { .decimal($0.shipping) }
            type.field("reasonCode") { .optional($0.reasonCode) }
            type.field("notes") { .optional($0.notes) }
        }
        bindings.object("Shipment", OrderShipment.self) { type in
            type.field("id") { .globalID("Shipment", $0.id) }
            type.field("carrier") { .string($0.carrier) }
            type.field("service") { .optional($0.service) }
            type.field("trackingNumber") { .string($0.trackingNumber) }
            type.field("shippedAt") { .dateTime($0.shippedAt) }
            type.field("status") { .enumeration($0.status) }
            type.field("attempts") { .int($0.attempts) }
            type.field("lastError") { .optional($0.lastError) }
            type.field("remoteShipmentId") { .optional($0.remoteShipmentID) }
            type.field("pushedAt") { .dateTime($0.pushedAt) }
            type.field("createdAt") { .dateTime($0.createdAt) }
        }
    }

    private static func registerListTypes(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.object("OrderStats", OrderStats.self) { type in
            type.field("total") { .int($0.total) }
            type.list("byStatus", OrderStats.StatusCount.self) { $0.byStatus }
            type.list("byInstance", OrderStats.InstanceCount.self) { $0.byInstance }
            type.list("totals", OrderStats.CurrencyTotal.self) { $0.totals }
        }
        bindings.object("OrderStatusCount", OrderStats.StatusCount.self) { type in
            type.field("status") { .enumeration($0.status) }
            type.field("count") { .int($0.count) }
        }
        bindings.object("OrderInstanceCount", OrderStats.InstanceCount.self) { type in
            type.object("integrationInstance", IntegrationInstance.self, arguments: NoArguments.self) { counts, _, context in
                try await IntegrationResolvers.instances(of: counts.map { IntegrationInstanceID($0.instanceID) }, context.context)
            }
            type.field("provider") { .enumeration($0.provider) }
            type.field("count") { .int($0.count) }
        }
        bindings.object("OrderCurrencyTotal", OrderStats.CurrencyTotal.self) { type in
            type.field("currency") { .optional($0.currency) }
            type.field("count") { .int($0.count) }
            type.field("total") { .decimal($0.total) }
        }
        bindings.object("OrderFilterOptions", OrderFilterOptions.self) { type in
            type.field("statuses") { .list($0.statuses.map(LeafValue.string)) }
            type.field("paymentStatuses") { .list($0.paymentStatuses.map(LeafValue.string)) }
            type.field("currencies") { .list($0.currencies.map(LeafValue.string)) }
            type.field("paymentMethods") { .list($0.paymentMethods.map(LeafValue.string)) }
        }
        bindings.object("ChannelOrderPayload", OrderPayload.self) { type in
            type.object("channelOrder", ChannelOrder.self) { $0.order }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
        bindings.object("ChannelOrdersPayload", OrdersPayload.self) { type in
            type.field("count") { .optional($0.count) }
            type.field("ids") { payload in payload.ids.map { .list($0.map { LeafValue.globalID("ChannelOrder", $0) }) } ?? .null }
            type.list("userErrors", UserErrorView.self) { $0.userErrors }
        }
    }

    // MARK: Helpers

    /// Each order's children from one batched read, in the orders' order.
    private static func children<Child: Sendable>(
        of orders: [ChannelOrder], _ context: QueryContext,
        _ read: @escaping @Sendable ([Int64], Transaction) async throws -> [Int64: [Child]]
    ) async throws -> [[Child?]?] {
        let ids = orders.map(\.id)
        let children = try await context.read { try await read(ids, $0) }
        return orders.map { (children[$0.id] ?? []).map(Optional.some) }
    }

    /// Archives or unarchives one order and answers it as it is now.
    private static func archiveOne(_ archived: Bool, _ text: String, _ context: QueryContext) async throws -> OrderPayload {
        let (order, errors) = try await context.attempt(role: .staff) {
            try await self.naming(["id"]) {
                let id = try self.orderID(text, field: ["id"])
                _ = try await context.orders.setArchived(archived, .ids([id]), tenant: context.principal.tenant, actor: context.principal.actorName)
                guard let order = try await context.read({ try await OrdersReads.channelOrders(ids: [id], in: $0) }).first else {
                    throw OrdersError.orderNotFound(text)
                }
                return order
            }
        }
        return OrderPayload(order: order, userErrors: errors)
    }

    /// A bulk action over the selection its input names.
    private static func bulk(
        _ input: SelectionArguments.Selection, role: Role, _ context: QueryContext,
        _ action: (any OrdersFacade, OrderSelection, Principal) async throws -> [Int64]
    ) async throws -> OrdersPayload {
        let (changed, errors) = try await context.attempt(role: role) {
            try await self.naming(["selection"], nesting: true) {
                let selection = try OrderSelection.chosen(
                    ids: try input.ids.map { try $0.map { try self.orderID($0, field: ["ids"]) } }, applyToAll: input.applyToAll ?? false,
                    instance: try self.instance(input.instanceId), filter: input.filter)
                let ids = try await action(context.orders, selection, context.principal)
                if case .ids = selection { return (count: ids.count, ids: Optional(ids)) }
                return (count: ids.count, ids: nil)
            }
        }
        return OrdersPayload(count: changed?.count, ids: changed?.ids, userErrors: errors)
    }

    /// Runs a mutation's body so that its domain errors name the mutation's own argument: the argument alone, or with
    /// `nesting` the error's own field under it (a selection's `ids`, `filter`, …).
    private static func naming<Result: Sendable>(_ argument: [String], nesting: Bool = false, _ body: () async throws -> Result)
        async throws -> Result
    {
        do {
            return try await body()
        } catch let error as any DomainError where error.kind != .forbidden {
            let field = nesting ? argument + (error.field ?? []) : argument
            throw UserInputError(field: field, message: error.message, code: error.code.uppercased(), kind: error.kind)
        }
    }

    private static func instance(_ text: String?) throws -> Int64? {
        try IntegrationResolvers.instanceID(text)?.rawValue
    }

    private static func orderID(_ text: String, field: [String]) throws(UserInputError) -> Int64 {
        guard let number = IntegrationResolvers.number(text, type: "ChannelOrder") else {
            throw UserInputError(field: field, message: "\(text.prefix(100)) is not a channel order id.", code: "INVALID_ID")
        }
        return number
    }
}
