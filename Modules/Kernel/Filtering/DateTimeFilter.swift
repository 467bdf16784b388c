import Foundation

/// Conditions on a timestamp field: every given operator must hold. Values are ISO 8601 with an offset.
public struct DateTimeFilter: Sendable, Equatable, Decodable {
    public var eq: Date?
    public var gte: Date?
    public var lte: Date?
    public var isNull: Bool?

    public init(eq: Date? = nil, gte: Date? = nil, lte: Date? = nil, isNull: Bool? = nil) {
        self.eq = eq
        self.gte = gte
        self.lte = lte
        self.isNull = isNull
    }

    private enum CodingKeys: String, CodingKey {
        case eq, gte, lte, isNull
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func timestamp(_ key: CodingKeys) throws -> Date? {
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let date = ISO8601.date(from: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(key.rawValue) must be an ISO 8601 date-time.")
            }
            return date
        }
        self.eq = try timestamp(.eq)
        self.gte = try timestamp(.gte)
        self.lte = try timestamp(.lte)
        self.isNull = try container.decodeIfPresent(Bool.self, forKey: .isNull)
    }
}
