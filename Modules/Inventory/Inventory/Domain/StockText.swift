import Kernel

/// The rules for text the Inventory context stores: SKUs, warehouse codes, order references, reasons. Each answers the
/// reason without the field's name, which the caller adds.
enum StockText {
    static let maxSKULength = 255
    static let maxLength = 500

    static func skuProblem(_ sku: String) -> String? {
        if sku.isEmpty { return "must not be empty." }
        return Self.lengthOrCharacterProblem(sku, limit: Self.maxSKULength)
    }

    /// Why optional text cannot be stored, or `nil` when it can.
    static func problem(_ text: String?, limit: Int = Self.maxLength) -> String? {
        guard let text else { return nil }
        if text.isEmpty { return "must not be empty when given." }
        return Self.lengthOrCharacterProblem(text, limit: limit)
    }

    private static func lengthOrCharacterProblem(_ text: String, limit: Int) -> String? {
        if text.unicodeScalars.count > limit { return "may hold at most \(limit) characters." }
        if text.containsControlCharacter { return "must not contain control characters." }
        return nil
    }
}
