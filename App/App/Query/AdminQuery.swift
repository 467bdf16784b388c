import Foundation
import IdentityContracts
import Kernel
import Logging
import QueryLanguage
import Storage

/// The admin query language: the SDL in `Schema/query`, every context's resolvers, and the one place resolver errors
/// become what clients see.
enum AdminQuery {
    static func bindings() -> SchemaBindings<QueryContext> {
        var bindings = SchemaBindings<QueryContext>()
        bindings.pageInfo()
        UserErrorView.register(in: &bindings)
        IdentityResolvers.register(in: &bindings)
        PlatformResolvers.register(in: &bindings)
        IntegrationResolvers.register(in: &bindings)
        OrderResolvers.register(in: &bindings)
        InventoryResolvers.register(in: &bindings)
        CatalogResolvers.register(in: &bindings)
        NodeResolvers.register(in: &bindings)
        return bindings
    }

    static func engine(schemaDirectory: URL, limits: QueryLimits, logger: Logger) throws -> QueryEngine<QueryContext> {
        let schema = try QuerySchema(sources: try SchemaSource.files(in: schemaDirectory), bindings: self.bindings(), scalars: QueryScalars.all)
        return QueryEngine(schema: schema, limits: limits) { error in self.present(error, logger: logger) }
    }

    /// Domain errors keep their message and code; anything else is logged and reported without detail.
    static func present(_ error: any Error, logger: Logger) -> FieldError {
        switch error {
        case let error as FieldError:
            return error
        case let error as any DomainError:
            return FieldError(message: error.message, code: error.code.uppercased())
        case let error as DecodingError:
            return FieldError(message: "An argument could not be read: \(Self.describe(error))", code: "BAD_USER_INPUT")
        default:
            logger.error("Resolver failed", metadata: ["error": "\(String(reflecting: error))"])
            return FieldError(message: "Internal error.", code: "INTERNAL_SERVER_ERROR")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
