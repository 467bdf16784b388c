import Foundation

/// A shipment to report to the channel: which lines left, with which carrier and tracking number.
public struct ShipmentConfirmation: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        /// The provider's id of the order line (Amazon `OrderItemId`, Shopify line item id, Walmart `lineNumber`…).
        public let remoteLineID: String
        public let sku: String?
        public let quantity: Int

        public init(remoteLineID: String, sku: String? = nil, quantity: Int) {
            self.remoteLineID = remoteLineID
            self.sku = sku
            self.quantity = quantity
        }
    }

    public let remoteOrderID: String
    public let carrier: String
    public let service: String?
    public let trackingNumber: String
    public let trackingURL: String?
    public let shippedAt: Date
    public let lines: [Line]

    public init(
        remoteOrderID: String, carrier: String, service: String? = nil, trackingNumber: String, trackingURL: String? = nil, shippedAt: Date,
        lines: [Line]
    ) {
        self.remoteOrderID = remoteOrderID
        self.carrier = carrier
        self.service = service
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.shippedAt = shippedAt
        self.lines = lines
    }
}

/// The channel's record of an accepted shipment, when it names one (a fulfillment id, a shipment id).
public struct ShipmentReceipt: Sendable, Equatable {
    public let remoteID: String?

    public init(remoteID: String?) {
        self.remoteID = remoteID
    }
}
