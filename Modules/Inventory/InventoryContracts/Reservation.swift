import Foundation

/// What a checkout asks to hold: items (lines of one SKU are summed), the order it is for, the channel whose allocation
/// strategy applies, and how long to hold it.
public struct ReservationRequest: Sendable, Equatable {
    public static let defaultTTLSeconds = 900
    public static let maxTTLSeconds = 7 * 86_400
    public static let maxItems = 100
    public static let maxQuantity: Int64 = 1_000_000

    public let items: [ReservationItem]
    public let orderRef: String?
    public let channel: String?
    public let ttlSeconds: Int

    public init(items: [ReservationItem], orderRef: String? = nil, channel: String? = nil, ttlSeconds: Int = Self.defaultTTLSeconds) {
        self.items = items
        self.orderRef = orderRef
        self.channel = channel
        self.ttlSeconds = ttlSeconds
    }
}

public struct ReservationItem: Sendable, Equatable {
    public let sku: String
    public let quantity: Int64

    public init(sku: String, quantity: Int64) {
        self.sku = sku
        self.quantity = quantity
    }
}

/// A reservation and what it holds.
public struct Reservation: Sendable, Equatable, Encodable {
    public let id: Int64
    public let state: ReservationState
    public let orderRef: String?
    public let channel: String?
    public let expiresAt: Date
    public let createdAt: Date
    public let endedAt: Date?
    public let lines: [ReservationLine]

    public init(
        id: Int64, state: ReservationState, orderRef: String?, channel: String?, expiresAt: Date, createdAt: Date, endedAt: Date?,
        lines: [ReservationLine]
    ) {
        self.id = id
        self.state = state
        self.orderRef = orderRef
        self.channel = channel
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.lines = lines
    }
}

/// The quantity of a SKU a reservation draws from one warehouse.
public struct ReservationLine: Sendable, Equatable, Encodable {
    public let sku: String
    public let warehouse: String
    public let quantity: Int64

    public init(sku: String, warehouse: String, quantity: Int64) {
        self.sku = sku
        self.warehouse = warehouse
        self.quantity = quantity
    }
}

/// `active` until one of the three ends of seed `004_…`.
public enum ReservationState: String, Sendable, CaseIterable, Codable {
    case active
    case released
    case committed
    case expired
}
