import Kernel

/// A channel an order query or shipment names.
public typealias OrderChannel = ChannelReference
