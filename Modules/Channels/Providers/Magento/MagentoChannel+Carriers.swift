import Kernel

/// Magento's built-in carriers (a shipment track's `carrier_code`); `custom` takes any title.
extension MagentoChannel {
    static let carriers: [CarrierCode] = [
        CarrierCode(code: "custom", displayName: "Custom Value"), CarrierCode(code: "dhl", displayName: "DHL"),
        CarrierCode(code: "fedex", displayName: "Federal Express"), CarrierCode(code: "ups", displayName: "United Parcel Service"),
        CarrierCode(code: "usps", displayName: "United States Postal Service"),
    ]

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
