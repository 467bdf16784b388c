/// The rules for text the Inventory context stores: SKUs, warehouse codes, order references, reasons.
enum StockText {
    static let maxSKULength = 255
    static let maxLength = 500

    static func skuProblem(_ sku: String) -> String? {
        if sku.isEmpty { return "sku must not be empty." }
        if sku.unicodeScalars.count > Self.maxSKULength { return "sku may hold at most \(Self.maxSKULength) characters." }
        return nil
    }

    /// Why optional text cannot be stored, or `nil` when it can.
    static func problem(_ text: String?, name: String, limit: Int = Self.maxLength) -> String? {
        guard let text else { return nil }
        if text.isEmpty { return "\(name) must not be empty when given." }
        if text.unicodeScalars.count > limit { return "\(name) may hold at most \(limit) characters." }
        return nil
    }
}
