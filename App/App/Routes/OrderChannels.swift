import Integrations
import IntegrationsContracts
import Kernel
import OrdersContracts
import Storage

/// The tenant's channels as the Orders APIs name them (the Integrations context owns them).
enum OrderChannels {
    static func all(in transaction: Transaction) async throws -> [OrderChannel] {
        try await IntegrationsReads.instanceOptions(provider: nil, in: transaction).map {
            OrderChannel(instanceID: $0.id.rawValue, code: $0.code, provider: $0.provider)
        }
    }

    /// The channel with the code (in any case); throws `OrdersError.unknownChannel` when none has it.
    static func coded(_ code: String, in transaction: Transaction) async throws -> OrderChannel {
        guard let channel = try await Self.all(in: transaction).first(where: { $0.code == code.lowercased() }) else {
            throw OrdersError.unknownChannel(code)
        }
        return channel
    }

    /// The channels `name` picks: an instance id, a channel code, or a provider (all its channels); seed `002_…` writes
    /// `channel=amazon`. Throws `OrdersError.unknownChannel` when it picks none.
    static func named(_ name: String, in transaction: Transaction) async throws -> [OrderChannel] {
        let all = try await Self.all(in: transaction)
        let lowered = name.lowercased()
        let picked = all.filter { "\($0.instanceID)" == name || $0.code == lowered || $0.provider.rawValue == lowered }
        guard !picked.isEmpty else { throw OrdersError.unknownChannel(name) }
        return picked
    }
}
