import HTTPTypes
import Hummingbird
import IdentityContracts
import Logging

/// Machine requests: `X-Api-Key: syk_…` (ERP and import keys).
struct MachineTokenAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext

    static let header = HTTPField.Name("X-Api-Key")!

    let identity: any IdentityFacade

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let secret = request.headers[Self.header], !secret.isEmpty else { throw IdentityError.invalidCredentials }
        var context = context
        let principal = try await self.identity.authenticateToken(secret: secret)
        context.principal = principal
        context.logger[metadataKey: "tenant"] = "\(principal.tenant)"
        return try await next(request, context)
    }
}
