import Kernel

/// The providers of the WooCommerce Shipment Tracking extension, where a completed order keeps its tracking (core WooCommerce names none).
extension WooCommerceChannel {
    static let carriers = CarrierCode.named([
        "USPS", "UPS", "FedEx", "DHL US", "OnTrac", "Canada Post", "Purolator", "Royal Mail", "Parcelforce", "DPD", "Evri", "Australia Post",
        "Fastway Couriers", "New Zealand Post", "PostNL", "DHL Parcel", "Deutsche Post DHL", "Colissimo", "Chronopost", "GLS", "Other",
    ])

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
