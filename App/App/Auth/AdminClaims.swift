import Foundation
import JWTKit

/// The claims of an admin JWT: the user (`sub`), issuer, issue and expiry times.
struct AdminClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var iss: IssuerClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try self.exp.verifyNotExpired()
    }
}
