import Crypto
import Foundation
import Kernel

/// HMAC-SHA256 signatures as the providers send them, checked in constant time. Every adapter that verifies a shared-secret
/// signature goes through here.
public enum MessageAuthentication {
    public enum Encoding: Sendable {
        case base64
        case hex
    }

    /// Whether `presented` (in `encoding`) is the HMAC-SHA256 of `message` under `key`.
    public static func isValid(_ presented: String, encoding: Encoding, key: [UInt8], message: [UInt8]) -> Bool {
        guard let code = Self.decode(presented.trimmingCharacters(in: .whitespaces), encoding) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: message, using: SymmetricKey(data: key))
    }

    /// The HMAC-SHA256 of `message` under `key` (the Sandbox signs its deliveries with this).
    public static func sign(_ message: [UInt8], key: [UInt8], encoding: Encoding) -> String {
        let code = Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
        switch encoding {
        case .base64: return Data(code).base64EncodedString()
        case .hex: return Hex.encode(code)
        }
    }

    /// Compares two secrets (e.g. an API key header) without leaking where they differ.
    public static func constantTimeEquals(_ presented: String, _ expected: String) -> Bool {
        let key = SymmetricKey(size: .bits256)
        return HMAC<SHA256>.authenticationCode(for: Array(presented.utf8), using: key)
            == HMAC<SHA256>.authenticationCode(for: Array(expected.utf8), using: key)
    }

    private static func decode(_ text: String, _ encoding: Encoding) -> [UInt8]? {
        switch encoding {
        case .base64: Data(base64Encoded: text).map(Array.init)
        case .hex: Hex.decode(text)
        }
    }
}
