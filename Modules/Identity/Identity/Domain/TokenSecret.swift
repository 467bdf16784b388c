import Crypto
import Foundation
import Kernel

/// A machine token's secret: `syk_` followed by 43 base62 characters (256 bits of randomness).
/// Only its SHA-256 is stored; the first characters are kept to tell tokens apart in listings.
struct TokenSecret: Sendable, Equatable {
    static let prefix = "syk_"
    static let randomLength = 43
    static let displayLength = 12
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    let text: String

    init(text: String) {
        self.text = text
    }

    static func generate() -> TokenSecret {
        var generator = SystemRandomNumberGenerator()
        let body = (0..<Self.randomLength).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt8(Self.alphabet.count)))] }
        return TokenSecret(text: Self.prefix + String(body))
    }

    /// Whether the text has the shape of a secret we issue; anything else is refused before touching the database.
    var isWellFormed: Bool {
        self.text.hasPrefix(Self.prefix) && self.text.count == Self.prefix.count + Self.randomLength
            && self.text.dropFirst(Self.prefix.count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    var sha256Hex: String {
        Hex.encode(SHA256.hash(data: Data(self.text.utf8)))
    }

    var displayPrefix: String { String(self.text.prefix(Self.displayLength)) }
}
