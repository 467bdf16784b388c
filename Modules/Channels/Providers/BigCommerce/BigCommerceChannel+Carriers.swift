import Kernel

/// The `tracking_carrier` values of BigCommerce's v2 shipments (an empty one is a custom carrier).
extension BigCommerceChannel {
    static let carriers: [CarrierCode] = [
        CarrierCode(code: "auspost", displayName: "Australia Post"), CarrierCode(code: "canadapost", displayName: "Canada Post"),
        CarrierCode(code: "endicia", displayName: "Endicia"), CarrierCode(code: "usps", displayName: "USPS"),
        CarrierCode(code: "fedex", displayName: "FedEx"), CarrierCode(code: "royalmail", displayName: "Royal Mail"),
        CarrierCode(code: "ups", displayName: "UPS"), CarrierCode(code: "upsready", displayName: "UPS Ready"),
        CarrierCode(code: "upsonline", displayName: "UPS Online"), CarrierCode(code: "shipperhq", displayName: "ShipperHQ"),
    ]

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
