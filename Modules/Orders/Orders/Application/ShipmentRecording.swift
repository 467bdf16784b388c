import Kernel
import OrdersContracts
import Storage

extension OrdersService {
    public func recordShipments(_ rows: [JSONValue], channels: [OrderChannel], tenant: TenantID) async throws -> [Int64] {
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

            var accepted: [AcceptedShipment] = []
            var refused: [RowError] = []
            for (index, result) in read.enumerated() {
                let outcome = result.flatMap { request in
                    ShipmentRules.accept(
                        request, byID: request.remoteOrderID.flatMap { byID[$0] }, byExternal: reference(request).flatMap { byExternal[$0] },
                        channel: request.channel.flatMap { channelsByCode[$0] }, carriers: carriers)
                }
                switch outcome {
                case .success(let shipment): accepted.append(shipment)
                case .failure(let problems): refused.append(RowError(index: index, messages: problems.messages))
                }
            }
            guard refused.isEmpty else { throw OrdersError.shipmentsInvalid(refused) }
            guard !accepted.isEmpty else { return [] }

            let recorded = try await ShipmentStore.record(accepted.lastByKey(\.key), in: transaction)
            let ids = Dictionary(recorded.map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
            try await PushShipment.enqueue(recorded.filter(\.pending).map(\.id), in: transaction)
            return accepted.compactMap { ids[$0.key] }
        }
    }

    public func replaceCarrierCodes(_ codes: [CarrierCode], provider: Provider, tenant: TenantID) async throws -> Int {
        try await self.database.withTenant(tenant) { transaction in try await CarrierCodeStore.replace(codes, provider: provider, in: transaction) }
    }
}
