import Foundation
import Kernel

/// A document inside a `Codable` request or answer, as JSON rather than text. Object members go through a dictionary, so
/// a `JSONEncoder`'s or `JSONDecoder`'s key strategy never renames them (they are the caller's data, not our fields);
/// numbers go through `Decimal`, exact for money and 64-bit ids.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Decimal.self) {
            self = .number(number)
        } else if let items = try? container.decode([JSONValue].self) {
            self = .array(items)
        } else {
            self = .object(try container.decode([String: JSONValue].self).sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .object(let members): try container.encode(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
        case .array(let items): try container.encode(items)
        case .string(let text): try container.encode(text)
        case .number(let text):
            guard let number = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw EncodingError.invalidValue(text, EncodingError.Context(codingPath: encoder.codingPath, debugDescription: "not a number"))
            }
            try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .null: try container.encodeNil()
        }
    }
}
