import Foundation
import Hummingbird
import IdentityContracts
import IntegrationsContracts
import Kernel
import NIOCore
import Orders
import OrdersContracts
import Storage

/// Seed `002_…`'s aggregated orders for the admin frontend (JWT + `orgid`, camelCase JSON): one-shot pulls, the unified
/// list, one order, the dashboard summary, and the status writeback.
struct SalesChannelOrderRoutes {
    let database: Database
    let orders: any OrdersFacade
    let integrations: any IntegrationsFacade

    struct SyncRequest: Decodable {
        let fromDate: String?
        let toDate: String?
        let status: String?
    }

    struct QueuedPull: Encodable {
        let channel: String
        let jobId: Int64
    }

    struct SkippedPull: Encodable {
        let channel: String
        let reason: String
    }

    struct SyncAnswer: Encodable {
        let fromDate: Date?
        let jobs: [QueuedPull]
        let skipped: [SkippedPull]
    }

    struct StatusRequest: Decodable {
        let status: String
        let trackingNumber: String?
        let carrier: String?
        let service: String?
    }

    struct StatusAnswer: Encodable {
        let orderId: Int64
        let status: String
        /// The shipment whose push tells the channel, for `shipped`.
        let shipmentId: Int64?
    }

    func add(to group: RouterGroup<AuthenticatedContext>) {
        group.post("orders/sync/:channelId") { request, context in
            try context.requireRole(.staff)
            let name = try context.parameters.require("channelId")
            let channels = try await self.database.withTenant(context.principal.tenant) { try await OrderChannels.named(name, in: $0) }
            return try await self.sync(channels, request, context)
        }
        group.post("orders/sync") { request, context in
            try context.requireRole(.staff)
            let channels = try await self.database.withTenant(context.principal.tenant) { try await OrderChannels.all(in: $0) }
            return try await self.sync(channels.filter { $0.provider != .partner }, request, context)
        }
        group.get("orders") { request, context in
            let parameters = request.uri.queryParameters
            let page = try Self.positive(parameters.get("page"), name: "page", max: Int.max) ?? 1
            let pageSize = try Self.positive(parameters.get("pageSize"), name: "pageSize", max: AggregatedOrderQuery.maxPageSize)
            let status = try request.enumParameter("status", as: CanonicalOrderStatus.self)
            let from = try Self.date(parameters.get("fromDate"), name: "fromDate", endOfDay: false)
            let to = try Self.date(parameters.get("toDate"), name: "toDate", endOfDay: true)
            let list = try await self.database.withTenant(context.principal.tenant) { transaction in
                let channels: [OrderChannel]
                if let name = parameters.get("channel") {
                    channels = try await OrderChannels.named(name, in: transaction)
                } else {
                    channels = try await OrderChannels.all(in: transaction)
                }
                let query = AggregatedOrderQuery(
                    channels: channels, status: status, from: from, to: to, page: page,
                    pageSize: pageSize ?? AggregatedOrderQuery.defaultPageSize)
                return try await OrdersReads.aggregatedOrders(query, in: transaction)
            }
            return Response.written(list)
        }
        group.get("orders/stats/summary") { _, context in
            let summary = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await OrdersReads.orderSummary(channels: try await OrderChannels.all(in: transaction), in: transaction)
            }
            return Response.written(summary)
        }
        group.get("orders/:orderId") { _, context in
            let text = try context.parameters.require("orderId")
            guard let id = Int64(text) else { throw OrdersError.orderNotFound(text) }
            let order = try await self.database.withTenant(context.principal.tenant) { transaction in
                try await OrdersReads.aggregatedOrder(id, channels: try await OrderChannels.all(in: transaction), in: transaction)
            }
            guard let order else { throw OrdersError.orderNotFound(text) }
            return Response.written(order)
        }
        group.put("orders/:orderId/status") { request, context in
            try context.requireRole(.staff)
            let text = try context.parameters.require("orderId")
            guard let id = Int64(text) else { throw OrdersError.orderNotFound(text) }
            let body = try await request.decodeJSON(StatusRequest.self)
            guard let status = CanonicalOrderStatus(rawValue: body.status.lowercased()) else {
                throw APIError.invalidField(
                    path: ["status"], reason: "must be one of \(CanonicalOrderStatus.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let shipment = try await self.orders.changeStatus(
                id, to: OrderStatusChange(status: status, trackingNumber: body.trackingNumber, carrier: body.carrier, service: body.service),
                tenant: context.principal.tenant)
            return try Response.json(StatusAnswer(orderId: id, status: status.rawValue, shipmentId: shipment), status: .accepted, keys: .camelCase)
        }
    }

    /// Queues a pull of each channel's orders, from `fromDate` when given (`toDate` and `status` are accepted: a pull walks
    /// every order changed since its start, which includes those they name, and stores them all).
    private func sync(_ channels: [OrderChannel], _ request: Request, _ context: AuthenticatedContext) async throws -> Response {
        let body = try await Self.optionalBody(request)
        let from = try Self.date(body?.fromDate, name: "fromDate", endOfDay: false)
        _ = try Self.date(body?.toDate, name: "toDate", endOfDay: true)
        var jobs: [QueuedPull] = []
        var skipped: [SkippedPull] = []
        for channel in channels {
            do {
                let job = try await self.integrations.syncNow(
                    IntegrationInstanceID(channel.instanceID), .orders, since: from, tenant: context.principal.tenant, actor: context.actorName)
                jobs.append(QueuedPull(channel: channel.code, jobId: job))
            } catch let error as IntegrationsError {
                skipped.append(SkippedPull(channel: channel.code, reason: error.message))
            }
        }
        return try Response.json(SyncAnswer(fromDate: from, jobs: jobs, skipped: skipped), status: .accepted, keys: .camelCase)
    }

    private static func optionalBody(_ request: Request) async throws -> SyncRequest? {
        guard let length = request.headers[.contentLength].flatMap(Int.init), length > 0 else { return nil }
        return try await request.decodeJSON(SyncRequest.self)
    }

    private static func positive(_ text: String?, name: String, max: Int) throws -> Int? {
        try text.map { text in
            guard let value = Int(text), (1...max).contains(value) else { throw OrdersError.invalidPage(name: name, text: text) }
            return value
        }
    }

    /// An ISO 8601 timestamp, or a date (UTC): its start, or for an upper bound its last millisecond.
    private static func date(_ text: String?, name: String, endOfDay: Bool) throws -> Date? {
        try text.map { text in
            if let date = ISO8601.date(from: text) { return date }
            guard let day = try? Date(text, strategy: .iso8601.year().month().day()) else { throw OrdersError.invalidDate(name: name, text: text) }
            return endOfDay ? day.addingTimeInterval(86_399.999) : day
        }
    }
}
