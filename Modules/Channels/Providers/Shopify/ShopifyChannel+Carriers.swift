import Kernel

/// Shopify's supported tracking companies (a fulfillment's `tracking_info.company`); another name is accepted but gets no tracking link.
extension ShopifyChannel {
    static let carriers = CarrierCode.named([
        "USPS", "UPS", "FedEx", "DHL Express", "DHL eCommerce", "Amazon Logistics US", "Amazon Logistics UK", "OnTrac", "Lasership", "Canada Post",
        "Purolator", "Canpar", "Royal Mail", "Evri", "DPD", "DPD UK", "Parcelforce", "Australia Post", "StarTrack", "New Zealand Post", "PostNL",
        "Deutsche Post", "La Poste", "Colissimo", "Chronopost", "GLS", "Japan Post (EN)", "Yamato (EN)", "Sagawa (EN)", "SF Express",
        "YunExpress", "4PX", "China Post", "Other",
    ])

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
