import Foundation
import HTTPTypes
import Hummingbird
import IdentityContracts
import Kernel
import Logging

/// Admin requests: `Authorization: Bearer <JWT>` names the user, `orgid: <tenant uuid>` the tenant they act in.
struct AdminAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext

    static let organisationHeader = HTTPField.Name("orgid")!

    let tokens: AdminTokens
    let identity: any IdentityFacade

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") else {
            throw IdentityError.invalidCredentials
        }
        let user = try await self.tokens.verify(String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces))
        guard let organisation = request.headers[Self.organisationHeader] else {
            throw APIError.missingHeader("orgid")
        }
        guard let tenant = TenantID(uuidString: organisation) else {
            throw APIError.invalidHeader("orgid", reason: "must be an organisation id (a UUID).")
        }
        var context = context
        context.principal = try await self.identity.authenticateUser(user, in: tenant)
        context.logger[metadataKey: "tenant"] = "\(tenant)"
        return try await next(request, context)
    }
}
