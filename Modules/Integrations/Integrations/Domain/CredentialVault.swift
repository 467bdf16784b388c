import Channels
import Crypto
import Foundation
import IntegrationsContracts
import Kernel

/// Seals credentials with AES-256-GCM under the configured key. The tenant and instance are authenticated data, so a
/// sealed blob copied to another instance does not open. Layout: version byte 1, then nonce ‖ ciphertext ‖ tag.
public struct CredentialVault: Sendable {
    static let version: UInt8 = 1
    let key: SymmetricKey

    /// `base64Key` must decode to 32 bytes (`CREDENTIALS_KEY`).
    public init?(base64Key: String) {
        guard let bytes = Data(base64Encoded: base64Key), bytes.count == 32 else { return nil }
        self.key = SymmetricKey(data: bytes)
    }

    /// A new random key, base64 (what `switchyard dev` generates once).
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    func seal(_ credentials: ChannelCredentials, tenant: TenantID, instance: IntegrationInstanceID) throws -> [UInt8] {
        let plaintext = try JSONEncoder().encode(credentials.values)
        let box = try AES.GCM.seal(plaintext, using: self.key, authenticating: Self.context(tenant, instance))
        guard let combined = box.combined else { throw IntegrationsError.credentialsUnreadable }
        return [Self.version] + Array(combined)
    }

    func open(_ sealed: [UInt8], tenant: TenantID, instance: IntegrationInstanceID) throws(IntegrationsError) -> ChannelCredentials {
        guard sealed.first == Self.version,
            let box = try? AES.GCM.SealedBox(combined: sealed.dropFirst()),
            let plaintext = try? AES.GCM.open(box, using: self.key, authenticating: Self.context(tenant, instance)),
            let values = try? JSONDecoder().decode([String: String].self, from: plaintext)
        else { throw .credentialsUnreadable }
        return ChannelCredentials(values)
    }

    private static func context(_ tenant: TenantID, _ instance: IntegrationInstanceID) -> Data {
        Data("\(tenant)/\(instance)".utf8)
    }
}
