/// Conditions on an enumerated field: `eq` and `in`. Accepts the stored raw value or its upper-case form, which is
/// how the query language spells enum values.
public struct EnumFilter<Value: RawRepresentable & Sendable & Equatable>: Sendable, Equatable, Decodable where Value.RawValue == String {
    public var eq: Value?
    public var `in`: [Value]?

    public init(eq: Value? = nil, in values: [Value]? = nil) {
        self.eq = eq
        self.in = values
    }

    private enum CodingKeys: String, CodingKey {
        case eq, `in`
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value(_ text: String, key: CodingKeys) throws -> Value {
            guard let value = Value(rawValue: text) ?? Value(rawValue: text.lowercased()) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(text) is not a known value.")
            }
            return value
        }
        self.eq = try container.decodeIfPresent(String.self, forKey: .eq).map { try value($0, key: .eq) }
        self.in = try container.decodeIfPresent([String].self, forKey: .in)?.map { try value($0, key: .in) }
    }
}
