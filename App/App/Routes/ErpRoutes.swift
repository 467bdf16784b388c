import Foundation
import Hummingbird
import IdentityContracts
import Integrations
import IntegrationsContracts
import Kernel
import NIOCore
import Orders
import OrdersContracts
import Storage

/// The ERP API v1 of seed `001_…` for `erp` keys (`X-Api-Key`): the order and refund feeds and their acknowledgements,
/// shipments to push to the channels, and the carriers they may name.
struct ErpRoutes {
    let database: Database
    let orders: any OrdersFacade
    let clock: any WallClock

    struct Acknowledgement: Decodable {
        let ids: [Int64]
    }

    struct Updated: Encodable {
        let updated: Int
    }

    struct CarrierCodes: Encodable {
        let carrierCodes: [ProviderCarrierCode]
    }

    struct Created: Encodable {
        let createdIds: [Int64]
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.get("orders") { request, context in
            try context.requireScope(.erp)
            let statuses = ErpFeedQuery.statuses(single: request.uri.queryParameters.get("status"), multiple: Self.statusesParameters(request))
            let feed = try await self.database.withTenant(context.principal.tenant) { transaction in
                let query = try await self.query(request, channelRequired: false, statuses: statuses, in: transaction)
                return try await OrdersReads.erpOrders(query, in: transaction)
            }
            return Response.written(feed)
        }
        group.post("orders/ack") { request, context in
            try context.requireScope(.erp)
            let ids = try await request.decodeJSON(Acknowledgement.self).ids
            return try Response.json(Updated(updated: try await self.orders.acknowledgeOrders(ids, tenant: context.principal.tenant)))
        }
        group.get("refunds") { request, context in
            try context.requireScope(.erp)
            let feed = try await self.database.withTenant(context.principal.tenant) { transaction in
                let query = try await self.query(request, channelRequired: true, statuses: [], in: transaction)
                return try await OrdersReads.erpRefunds(query, in: transaction)
            }
            return Response.written(feed)
        }
        group.post("refunds/ack") { request, context in
            try context.requireScope(.erp)
            let ids = try await request.decodeJSON(Acknowledgement.self).ids
            return try Response.json(Updated(updated: try await self.orders.acknowledgeRefunds(ids, tenant: context.principal.tenant)))
        }
        group.post("shipments") { request, context in
            try context.requireScope(.erp)
            guard let rows = try await request.jsonValue()["shipments"]?.arrayValue else { throw OrdersError.shipmentsNotArray }
            let tenant = context.principal.tenant
            let channels = try await self.database.withTenant(tenant) { try await OrderChannels.all(in: $0) }
            let ids = try await self.orders.recordShipments(rows, channels: channels, tenant: tenant)
            return try Response.json(Created(createdIds: ids), status: .created)
        }
        group.get("carrier_codes") { request, context in
            try context.requireScope(.erp)
            let parameters = request.uri.queryParameters
            let provider = try parameters.get("provider").flatMap { $0.isEmpty ? nil : $0 }.map { name in
                guard let provider = Provider(rawValue: name.lowercased()) else { throw OrdersError.unknownProvider(name) }
                return provider
            }
            let codes = try await self.database.withTenant(context.principal.tenant) { transaction in
                var providers = provider.map { [$0] }
                if let code = parameters.get("channel"), !code.isEmpty {
                    let channel = try await OrderChannels.coded(code, in: transaction)
                    providers = (providers ?? [channel.provider]).filter { $0 == channel.provider }
                }
                return try await OrdersReads.carrierCodes(providers: providers, in: transaction)
            }
            return try Response.json(CarrierCodes(carrierCodes: codes))
        }
    }

    /// `channel` (a channel code; every channel of the tenant when absent and allowed), `since` (default 24 hours ago)
    /// and `limit` (default 100, at most 500).
    private func query(_ request: Request, channelRequired: Bool, statuses: [String], in transaction: Transaction) async throws -> ErpFeedQuery {
        let parameters = request.uri.queryParameters
        let limitText = parameters.get("limit")
        let limit = try limitText.map { text in
            guard let limit = Int(text), (1...ErpFeedQuery.maxLimit).contains(limit) else { throw OrdersError.invalidLimit(text) }
            return limit
        }
        let since = try parameters.get("since").map { text in
            guard let date = ISO8601.date(from: text) else { throw OrdersError.invalidSince(text) }
            return date
        }
        let code = parameters.get("channel").flatMap { $0.isEmpty ? nil : $0 }
        if channelRequired, code == nil { throw OrdersError.channelRequired }
        let channels: [OrderChannel]
        if let code {
            channels = [try await OrderChannels.coded(code, in: transaction)]
        } else {
            channels = try await OrderChannels.all(in: transaction)
        }
        return ErpFeedQuery(
            channels: channels, since: since ?? self.clock.now().addingTimeInterval(-ErpFeedQuery.defaultLookback),
            limit: limit ?? ErpFeedQuery.defaultLimit, statuses: statuses)
    }

    /// Every `statuses` value, also as `statuses[]` with its brackets percent-encoded as most clients send them (the
    /// router decodes values, not names).
    private static func statusesParameters(_ request: Request) -> [String] {
        request.uri.queryParameters.compactMap { name, value in
            let decoded = String(name).removingPercentEncoding ?? String(name)
            return decoded == "statuses" || decoded == "statuses[]" ? String(value) : nil
        }
    }
}
