import Kernel

/// The rules for text the Inventory context stores: SKUs, warehouse codes, order references, reasons. Each answers the
/// reason without the field's name, which the caller adds.
enum StockText {
    static let maxSKULength = 255
    static let maxLength = 500

    static func skuProblem(_ sku: String) -> String? {
        StoredText.problem(sku, limit: Self.maxSKULength)
    }

    /// Why optional text cannot be stored, or `nil` when it can.
    static func problem(_ text: String?, limit: Int = Self.maxLength) -> String? {
        guard let text else { return nil }
        return text.isEmpty ? "must not be empty when given." : StoredText.problem(text, limit: limit)
    }
}
