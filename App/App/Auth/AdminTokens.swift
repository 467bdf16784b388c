import Foundation
import IdentityContracts
import JWTKit
import Kernel

/// Signs and verifies admin JWTs (HS256 with `JWT_SECRET`).
public struct AdminTokens: Sendable {
    let keys: JWTKeyCollection
    let issuer: String
    let lifetime: TimeInterval
    let clock: any WallClock

    public init(secret: String, issuer: String, lifetimeMinutes: Int, clock: any WallClock = SystemClock()) async {
        self.keys = JWTKeyCollection()
        await self.keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.issuer = issuer
        self.lifetime = TimeInterval(lifetimeMinutes * 60)
        self.clock = clock
    }

    public func sign(user: UserID) async throws -> String {
        let now = self.clock.now()
        return try await self.keys.sign(
            AdminClaims(
                sub: SubjectClaim(value: user.description), iss: IssuerClaim(value: self.issuer), iat: IssuedAtClaim(value: now),
                exp: ExpirationClaim(value: now.addingTimeInterval(self.lifetime))))
    }

    /// The user a valid, unexpired token of ours names; `IdentityError.invalidCredentials` for anything else.
    public func verify(_ token: String) async throws -> UserID {
        let claims: AdminClaims
        do {
            claims = try await self.keys.verify(token, as: AdminClaims.self)
        } catch {
            throw IdentityError.invalidCredentials
        }
        guard claims.iss.value == self.issuer, claims.exp.value > self.clock.now(), let user = UserID(uuidString: claims.sub.value) else {
            throw IdentityError.invalidCredentials
        }
        return user
    }
}
