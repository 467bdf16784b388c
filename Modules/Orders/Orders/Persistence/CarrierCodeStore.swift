import Kernel
import OrdersContracts
import PostgresNIO
import Storage

/// The carriers each provider's channels accept (`orders.carrier_codes`).
enum CarrierCodeStore {
    /// How long a carrier stays once no refresh names it.
    static let retentionDays = 30

    /// Upserts the codes (a code differing only in case replaces the stored spelling) and drops the provider's codes no
    /// refresh has named within the retention; answers how many the provider has.
    static func replace(_ codes: [CarrierCode], provider: Provider, in transaction: Transaction) async throws -> Int {
        let distinct = codes.filter { !$0.code.isEmpty }.lastByKey { $0.code.lowercased() }
        let tenant = transaction.tenant.rawValue
        try await transaction.query(
            """
            INSERT INTO orders.carrier_codes (tenant_id, provider, code, display_name)
            SELECT \(tenant), \(provider.rawValue), given.code, given.display_name
            FROM unnest(\(distinct.map(\.code))::text[], \(distinct.map(\.displayName))::text[]) AS given (code, display_name)
            ON CONFLICT (tenant_id, provider, lower(code)) DO UPDATE
            SET code = EXCLUDED.code, display_name = EXCLUDED.display_name, refreshed_at = now()
            """)
        try await transaction.query(
            """
            DELETE FROM orders.carrier_codes
            WHERE tenant_id = \(tenant) AND provider = \(provider.rawValue)
                AND refreshed_at < now() - make_interval(days => \(Self.retentionDays)::integer)
            """)
        let rows = try await transaction.query(
            "SELECT count(*)::integer FROM orders.carrier_codes WHERE tenant_id = \(tenant) AND provider = \(provider.rawValue)")
        for try await count in rows.decode(Int.self) { return count }
        return 0
    }

    /// The carriers of `providers`, by provider and lowercased code.
    static func carriers(of providers: Set<Provider>, in transaction: Transaction) async throws -> ShipmentRules.Carriers {
        let rows = try await transaction.query(
            """
            SELECT provider, code FROM orders.carrier_codes
            WHERE tenant_id = \(transaction.tenant.rawValue) AND provider = ANY(\(providers.map(\.rawValue)))
            """)
        var carriers: ShipmentRules.Carriers = [:]
        for try await (name, code) in rows.decode((String, String).self) {
            guard let provider = Provider(rawValue: name) else { continue }
            carriers[provider, default: [:]][code.lowercased()] = code
        }
        return carriers
    }

    /// The carriers of `providers` (of every provider when `nil`), by provider and code.
    static func list(providers: [Provider]?, in transaction: Transaction) async throws -> [ProviderCarrierCode] {
        let rows = try await transaction.query(
            """
            SELECT provider, code, display_name FROM orders.carrier_codes
            WHERE tenant_id = \(transaction.tenant.rawValue)
                AND (\(providers == nil) OR provider = ANY(\((providers ?? []).map(\.rawValue))))
            ORDER BY provider, lower(code)
            """)
        var codes: [ProviderCarrierCode] = []
        for try await (name, code, displayName) in rows.decode((String, String, String).self) {
            guard let provider = Provider(rawValue: name) else { continue }
            codes.append(ProviderCarrierCode(provider: provider, code: code, displayName: displayName))
        }
        return codes
    }
}
