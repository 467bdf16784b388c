import Kernel

/// One stored line of a channel order, in the channel's order.
public struct ChannelOrderLine: Sendable, Equatable {
    public let orderID: Int64
    public let position: Int
    public let line: NormalizedOrderLine

    public init(orderID: Int64, position: Int, line: NormalizedOrderLine) {
        self.orderID = orderID
        self.position = position
        self.line = line
    }
}
