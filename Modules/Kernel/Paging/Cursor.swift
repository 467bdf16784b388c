import Foundation

/// An opaque keyset cursor: the sort-key values of one row, base64url-encoded JSON.
/// Clients must treat it as opaque; the server decodes it back to the values it encoded.
public struct Cursor: Hashable, Sendable {
    public let values: [CursorValue]

    public init(_ values: [CursorValue]) {
        self.values = values
    }

    /// The text form given to clients.
    public var encoded: String {
        let data = (try? JSONEncoder().encode(self.values)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a client-supplied cursor; throws `PagingError.invalidCursor` for anything the server did not produce.
    public init(encoded text: String) throws(PagingError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 1024,
            let data = Data(base64Encoded: base64),
            let values = try? JSONDecoder().decode([CursorValue].self, from: data),
            !values.isEmpty
        else { throw .invalidCursor(text) }
        self.values = values
    }
}

/// One sort-key value inside a cursor.
public enum CursorValue: Hashable, Sendable, Codable {
    case int(Int64)
    case string(String)
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let int = try? container.decode(Int64.self) {
            self = .int(int)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
