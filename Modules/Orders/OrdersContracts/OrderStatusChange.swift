import Kernel

/// A status an admin sets on an order (seed `002_…` `PUT /sales-channel/orders/:orderId/status`). `shipped` tells the
/// channel, with the carrier and tracking number it needs; the other statuses are kept locally until the channel
/// reports a later change.
public struct OrderStatusChange: Sendable, Equatable {
    public let status: CanonicalOrderStatus
    public let trackingNumber: String?
    public let carrier: String?
    public let service: String?

    public init(status: CanonicalOrderStatus, trackingNumber: String? = nil, carrier: String? = nil, service: String? = nil) {
        self.status = status
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.service = service
    }
}
