import Foundation
import HTTPTypes
import Hummingbird
import IdentityContracts
import Logging

/// Machine requests: `X-Api-Key: syk_…` (ERP and import keys, channel tokens), or `Authorization: Bearer syk_…` as
/// channel partners send their token.
struct MachineTokenAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext

    static let header = HTTPField.Name("X-Api-Key")!
    static let bearerPrefix = "bearer syk_"

    let identity: any IdentityFacade

    /// The machine token a request presents, if any.
    static func secret(in request: Request) -> String? {
        if let key = request.headers[Self.header], !key.isEmpty { return key }
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix(Self.bearerPrefix) else { return nil }
        return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let secret = Self.secret(in: request) else { throw IdentityError.invalidCredentials }
        var context = context
        let principal = try await self.identity.authenticateToken(secret: secret)
        context.principal = principal
        context.logger[metadataKey: "tenant"] = "\(principal.tenant)"
        return try await next(request, context)
    }
}
