import Crypto
import Foundation
import Hummingbird
import IdentityContracts

/// `/metrics` answers only to `Authorization: Bearer <METRICS_TOKEN>`; without a configured token it answers no one.
struct MetricsAuthenticator: RouterMiddleware {
    typealias Context = AppRequestContext

    let token: String?

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws
        -> Response
    {
        guard let token = self.token, let presented = request.headers[.authorization],
            Self.constantTimeEquals(presented, "Bearer \(token)")
        else { throw IdentityError.invalidCredentials }
        return try await next(request, context)
    }

    private static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        SHA256.hash(data: Data(lhs.utf8)) == SHA256.hash(data: Data(rhs.utf8))
    }
}
