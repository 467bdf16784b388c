import Crypto
import Foundation
import Kernel

/// Decoding helpers every adapter's webhook parser shares.
enum WebhookBody {
    static func decode<Body: Decodable>(_ type: Body.Type, from body: [UInt8]) throws(WebhookRejection) -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: Data(body))
        } catch {
            throw .malformed("the body is not the JSON this topic carries (\(Self.describe(error)))")
        }
    }

    /// The id of a delivery whose provider sends none: the SHA-256 of its body, so a repeated delivery maps to one event.
    static func contentID(_ body: [UInt8]) -> String {
        "sha256:" + Hex.encode(SHA256.hash(data: body))
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "invalid JSON" }
        switch error {
        case .keyNotFound(let key, let context): return "missing \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "unexpected value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case .dataCorrupted: return "invalid JSON"
        @unknown default: return "invalid JSON"
        }
    }
}
