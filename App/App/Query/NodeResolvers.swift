import Catalog
import CatalogContracts
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import Orders
import OrdersContracts
import QueryLanguage
import Storage

/// `Query.node(id:)` and `Query.nodes(ids:)`: global ids resolved in one statement per type.
enum NodeResolvers {
    struct NodeArgument: Decodable, Sendable {
        let id: String
    }

    struct NodesArgument: Decodable, Sendable {
        let ids: [String]
    }

    /// Global ids accepted by one `nodes` call.
    static let maximumIDs = 250

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.abstract("node", arguments: NodeArgument.self) { parents, arguments, context in
                let found = try await self.resolve([arguments.id], context.context)
                return parents.map { _ in found }
            }
            query.abstract("nodes", arguments: NodesArgument.self, list: true) { parents, arguments, context in
                guard arguments.ids.count <= self.maximumIDs else {
                    throw PagingError.sizeOutOfRange(argument: "ids", value: arguments.ids.count)
                }
                let found = try await self.resolve(arguments.ids, context.context)
                return parents.map { _ in found }
            }
        }
    }

    /// The objects for `ids`, in order; `nil` for an id that is malformed, unknown or not visible to the caller.
    static func resolve(_ ids: [String], _ context: QueryContext) async throws -> [TypedObject?] {
        let parsed = ids.map(GlobalID.init)
        func numbers(_ typeName: String) -> [Int64] {
            parsed.compactMap { $0?.typeName == typeName ? Int64($0?.localID ?? "") : nil }
        }
        let jobIDs = numbers("Job")
        let activityIDs = numbers("ActivityEntry")
        let instanceIDs = numbers("IntegrationInstance")
        let eventIDs = numbers("InboundEvent")
        let runIDs = numbers("SyncRun")
        let orderIDs = numbers("ChannelOrder")
        let (jobs, entries, instances, events, runs, orders) = try await context.read { transaction in
            (
                jobIDs.isEmpty ? [] : try await JobQueue.find(ids: jobIDs.map(JobID.init), in: transaction),
                activityIDs.isEmpty ? [] : try await ActivityLog.find(ids: activityIDs, in: transaction),
                instanceIDs.isEmpty ? [] : try await IntegrationsReads.instances(ids: instanceIDs, in: transaction),
                eventIDs.isEmpty ? [] : try await IntegrationsReads.events(ids: eventIDs, in: transaction),
                runIDs.isEmpty ? [] : try await IntegrationsReads.syncRuns(ids: runIDs, in: transaction),
                orderIDs.isEmpty ? [] : try await OrdersReads.channelOrders(ids: orderIDs, in: transaction)
            )
        }
        let ordersByID = Dictionary(orders.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let runsByID = Dictionary(runs.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let instancesByID = Dictionary(instances.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let eventsByID = Dictionary(events.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let jobsByID = Dictionary(jobs.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
        let entriesByID = Dictionary(entries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let productIDs = numbers("Product")
        let listingIDs = numbers("Listing")
        let (products, listings) = try await context.read { transaction in
            (
                productIDs.isEmpty ? [] : try await CatalogReads.products(ids: productIDs, in: transaction),
                listingIDs.isEmpty ? [] : try await CatalogReads.listings(ids: listingIDs, in: transaction)
            )
        }
        let productsByID = Dictionary(products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let listingsByID = Dictionary(listings.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var tenant: TenantSummary?
        if parsed.contains(where: { $0?.typeName == "Tenant" }) { tenant = try await IdentityResolvers.tenant(context) }
        let viewer = try? IdentityResolvers.viewer(context)
        return parsed.map { id -> TypedObject? in
            guard let id else { return nil }
            switch id.typeName {
            case "Job": return Int64(id.localID).flatMap { jobsByID[$0] }.map { TypedObject(typeName: "Job", value: $0) }
            case "ActivityEntry": return Int64(id.localID).flatMap { entriesByID[$0] }.map { TypedObject(typeName: "ActivityEntry", value: $0) }
            case "IntegrationInstance":
                return Int64(id.localID).flatMap { instancesByID[$0] }.map { TypedObject(typeName: "IntegrationInstance", value: $0) }
            case "InboundEvent": return Int64(id.localID).flatMap { eventsByID[$0] }.map { TypedObject(typeName: "InboundEvent", value: $0) }
            case "SyncRun": return Int64(id.localID).flatMap { runsByID[$0] }.map { TypedObject(typeName: "SyncRun", value: $0) }
            case "ChannelOrder": return Int64(id.localID).flatMap { ordersByID[$0] }.map { TypedObject(typeName: "ChannelOrder", value: $0) }
            case "Product": return Int64(id.localID).flatMap { productsByID[$0] }.map { TypedObject(typeName: "Product", value: $0) }
            case "Listing": return Int64(id.localID).flatMap { listingsByID[$0] }.map { TypedObject(typeName: "Listing", value: $0) }
            case "Tenant": return tenant.flatMap { $0.id.description == id.localID ? TypedObject(typeName: "Tenant", value: $0) : nil }
            case "User": return viewer.flatMap { $0.user.id.description == id.localID ? TypedObject(typeName: "Viewer", value: $0) : nil }
            default: return nil
            }
        }
    }
}
