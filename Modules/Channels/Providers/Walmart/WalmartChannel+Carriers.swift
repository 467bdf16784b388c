import Kernel

/// The carriers Walmart's shipping update accepts (`trackingInfo.carrierName.carrier`), as its Orders API documents them.
extension WalmartChannel {
    static let carriers = CarrierCode.named([
        "UPS", "USPS", "FedEx", "Airborne", "OnTrac", "DHL", "LS", "UDS", "UPSMI", "FDX", "PILOT", "ESTES", "SAIA", "FDS Express",
        "Seko Worldwide", "HIT Delivery", "FEDEXSP", "RL Carriers", "Metropolitan Warehouse & Delivery", "China Post", "YunExpress",
        "Yellow Freight Sys", "AIT Worldwide Logistics", "Chukou1", "Sendle", "Landmark Global", "Greyhound", "Cainiao", "4PX", "Yanwen",
    ])

    public func carrierCodes() async throws(ChannelCallError) -> [CarrierCode] {
        Self.carriers
    }
}
