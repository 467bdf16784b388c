/// The sales channels Switchyard connects, as stored and as spelled on the wire (`provider` fields, webhook paths).
public enum Provider: String, Sendable, Codable, CaseIterable, Hashable {
    case amazon
    case shopify
    case ebay
    case walmart
    case woocommerce
    case bigcommerce
    case tiktok
    case magento
    /// A custom channel partner that talks to Switchyard through the partner API instead of being polled.
    case partner

    /// Marketplaces are polled every 5 minutes by default; own-store platforms (which usually send webhooks) every 15.
    public var isMarketplace: Bool {
        switch self {
        case .amazon, .ebay, .walmart, .tiktok: true
        case .shopify, .woocommerce, .bigcommerce, .magento, .partner: false
        }
    }

    /// The default polling cadence of seed `002_…`: marketplaces 5 minutes, own stores 15.
    public var defaultPollIntervalMinutes: Int { self.isMarketplace ? 5 : 15 }
}
