import Kernel
import OrdersContracts
import Storage

extension OrdersService {
    public func recordShipments(_ rows: [JSONValue], channels: [OrderChannel], tenant: TenantID) async throws -> [Int64] {
        guard rows.count <= ShipmentRequest.maxRows else { throw OrdersError.tooManyShipments(rows.count) }
        let read = rows.map(ShipmentRequest.read)
        let requests = read.compactMap { try? $0.get() }
        return try await self.database.withTenant(tenant) { transaction in
            let channelsByCode = Dictionary(channels.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            let byID = try await ShipmentStore.targets(ids: requests.compactMap(\.remoteOrderID), in: transaction)
            func reference(_ request: ShipmentRequest) -> ChannelOrderReference? {
                guard let code = request.channel, let channel = channelsByCode[code], let orderID = request.externalOrderID else { return nil }
                return ChannelOrderReference(instanceID: channel.instanceID, externalOrderID: orderID)
            }
            let byExternal = try await ShipmentStore.targets(external: requests.compactMap(reference), in: transaction)
            let providers = Set(byID.values.map(\.provider) + byExternal.values.map(\.provider))
            let carriers = try await CarrierCodeStore.carriers(of: providers, in: transaction)
            var tracking = try await ShipmentStore.activeTracking(
                of: Array(byID.keys) + byExternal.values.map(\.orderID), in: transaction)

            var accepted: [AcceptedShipment] = []
            var refused: [RowError] = []
            for (index, result) in read.enumerated() {
                let outcome = result.flatMap { request in
                    ShipmentRules.accept(
                        request, byID: request.remoteOrderID.flatMap { byID[$0] }, byExternal: reference(request).flatMap { byExternal[$0] },
                        channel: request.channel.flatMap { channelsByCode[$0] }, carriers: carriers, tracking: tracking)
                }
                switch outcome {
                case .success(let shipment):
                    accepted.append(shipment)
                    tracking[shipment.orderID] = shipment.trackingNumber
                case .failure(let problems): refused.append(RowError(index: index, messages: problems.messages))
                }
            }
            guard refused.isEmpty else { throw OrdersError.shipmentsInvalid(refused) }
            return try await Self.record(accepted, in: transaction)
        }
    }

    public func changeStatus(_ orderID: Int64, to change: OrderStatusChange, tenant: TenantID) async throws -> Int64? {
        try await self.database.withTenant(tenant) { transaction in
            guard let target = try await ShipmentStore.targets(ids: [orderID], in: transaction)[orderID] else {
                throw OrdersError.orderNotFound("\(orderID)")
            }
            var shipment: Int64?
            if change.status == .shipped {
                let request = try StatusRules.shipment(change, of: orderID)
                let carriers = try await CarrierCodeStore.carriers(of: [target.provider], in: transaction)
                let tracking = try await ShipmentStore.activeTracking(of: [orderID], in: transaction)
                switch ShipmentRules.accept(request, byID: target, byExternal: nil, channel: nil, carriers: carriers, tracking: tracking) {
                case .success(let accepted): shipment = try await Self.record([accepted], in: transaction).first
                case .failure(let problems): throw OrdersError.statusChangeInvalid(problems.messages)
                }
            }
            try await OrderStore.setLocalStatus(change.status, of: orderID, in: transaction)
            return shipment
        }
    }

    /// Records accepted shipments (one per order and tracking number) and queues the push of those still pending;
    /// answers their ids in the given order.
    private static func record(_ accepted: [AcceptedShipment], in transaction: Transaction) async throws -> [Int64] {
        guard !accepted.isEmpty else { return [] }
        let recorded = try await ShipmentStore.record(accepted.lastByKey(\.key), in: transaction)
        let ids = Dictionary(recorded.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        try await PushShipment.enqueue(recorded.filter(\.queue).map(\.id), in: transaction)
        return accepted.compactMap { ids[$0.key] }
    }

    public func replaceCarrierCodes(_ codes: [CarrierCode], provider: Provider, tenant: TenantID) async throws -> Int {
        try await self.database.withTenant(tenant) { transaction in try await CarrierCodeStore.replace(codes, provider: provider, in: transaction) }
    }
}
