import Foundation

/// A typed identifier: `Identifier<Order, Int64>` and `Identifier<Tenant, UUID>` cannot be mixed up.
public struct Identifier<Entity, RawValue: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    public let rawValue: RawValue

    public init(_ rawValue: RawValue) {
        self.rawValue = rawValue
    }

    public init(from decoder: any Decoder) throws {
        self.rawValue = try decoder.singleValueContainer().decode(RawValue.self)
    }

    /// UUIDs are written in lower case, as PostgreSQL and most clients print them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let uuid = self.rawValue as? UUID {
            try container.encode(uuid.uuidString.lowercased())
        } else {
            try container.encode(self.rawValue)
        }
    }
}

extension Identifier: CustomStringConvertible {
    public var description: String {
        if let uuid = self.rawValue as? UUID { return uuid.uuidString.lowercased() }
        return "\(self.rawValue)"
    }
}

extension Identifier where RawValue == UUID {
    /// A new random identifier.
    public static func random() -> Self { Self(UUID()) }

    /// Parses the canonical textual form; `nil` when the text is not a UUID.
    public init?(uuidString: String) {
        guard let uuid = UUID(uuidString: uuidString) else { return nil }
        self.init(uuid)
    }
}
