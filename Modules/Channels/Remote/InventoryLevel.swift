/// The quantity a channel should show for one SKU, with the provider's identifiers of the listing (Shopify
/// `inventory_item_id` and `location_id`, WooCommerce `product_id`, TikTok `product_id`/`sku_id`/`warehouse_id`, Magento
/// `source_code`, Amazon `marketplace_id`/`product_type`, BigCommerce `location_id`).
public struct InventoryLevel: Sendable, Equatable {
    public let sku: String
    public let quantity: Int
    public let identifiers: [String: String]

    public init(sku: String, quantity: Int, identifiers: [String: String] = [:]) {
        self.sku = sku
        self.quantity = quantity
        self.identifiers = identifiers
    }

    func identifier(_ name: String) throws(ChannelCallError) -> String {
        guard let value = self.identifiers[name], !value.isEmpty else { throw .notConfigured("the listing identifier '\(name)' of SKU \(self.sku)") }
        return value
    }
}

/// What the channel said about one pushed level.
public struct InventoryPushResult: Sendable, Equatable {
    public let sku: String
    public let accepted: Bool
    public let message: String?

    public init(sku: String, accepted: Bool, message: String? = nil) {
        self.sku = sku
        self.accepted = accepted
        self.message = message
    }
}
