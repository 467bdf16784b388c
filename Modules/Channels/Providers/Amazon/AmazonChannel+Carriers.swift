import Kernel

/// The carrier codes SP-API's `confirmShipment` accepts (`packageDetail.carrierCode`); Amazon lists them in its documentation, not its API.
extension AmazonChannel {
    static let carriers = CarrierCode.named([
        "USPS", "UPS", "UPSMI", "FedEx", "FedEx SmartPost", "DHL", "DHL eCommerce", "DHL Global Mail", "OnTrac", "Lasership", "Amazon Shipping",
        "Newgistics", "Streamlite", "Canada Post", "Royal Mail", "Parcelforce", "Yodel", "DPD", "Hermes", "GLS", "Deutsche Post", "La Poste",
        "Chronopost", "Colissimo", "TNT", "Japan Post", "Yamato Transport", "Sagawa Express", "Australia Post", "India Post", "Blue Dart",
        "Delhivery", "Other",
    ])

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
