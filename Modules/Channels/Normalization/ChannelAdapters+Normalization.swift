import Kernel

extension ChannelAdapters {
    /// A pulled order in Switchyard's shape, with the channel's own payload beside it; `nil` for providers that are not
    /// pulled from (partners).
    public static func normalize(_ order: RemoteOrder, from provider: Provider) -> NormalizedOrder? {
        guard var normalized = self.type(for: provider)?.normalize(order) else { return nil }
        normalized.rawPayload = order.payload
        normalized.rawLines = order.lines
        return normalized
    }

    /// A pulled refund in Switchyard's shape, with the channel's own payload beside it.
    public static func normalize(_ refund: RemoteRefund, from provider: Provider) -> NormalizedRefund? {
        guard var normalized = self.type(for: provider)?.normalize(refund) ?? nil else { return nil }
        normalized.rawPayload = refund.payload
        normalized.lastRemoteUpdateAt = refund.updatedAt ?? refund.createdAt
        return normalized
    }

    /// A pulled product's listings (one per sellable SKU) in Switchyard's shape; none for providers that are not pulled
    /// from, and none without a SKU.
    public static func normalize(_ product: RemoteProduct, from provider: Provider) -> [NormalizedListing] {
        (self.type(for: provider)?.normalize(product) ?? []).filter { !$0.sku.isEmpty }
    }
}
