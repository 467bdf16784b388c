import Kernel
import Orders
import OrdersContracts
import QueryLanguage

/// The Orders context in the query language.
enum OrderResolvers {
    struct ProviderArgument: Decodable, Sendable { let provider: String? }

    static func register(in bindings: inout SchemaBindings<QueryContext>) {
        bindings.root("Query") { query in
            query.list("carrierCodes", ProviderCarrierCode.self, arguments: ProviderArgument.self) { parents, arguments, context in
                let providers = try arguments.provider.map { [try UserInputError.provider($0, field: ["provider"])] }
                let codes = try await context.context.read { try await OrdersReads.carrierCodes(providers: providers, in: $0) }
                return parents.map { _ in codes.map(Optional.some) }
            }
        }
        bindings.object("CarrierCode", ProviderCarrierCode.self) { type in
            type.field("provider") { .enumeration($0.provider) }
            type.field("code") { .string($0.code) }
            type.field("displayName") { .string($0.displayName) }
        }
    }
}
