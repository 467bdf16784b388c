/// The rule for text a context stores as a name, code, SKU or reason: not empty, at most `limit` characters, no
/// control characters.
public enum StoredText {
    /// Why the text cannot be stored, without the field's name (the caller adds it); `nil` when it can.
    public static func problem(_ text: String, limit: Int) -> String? {
        if text.isEmpty { return "must not be empty." }
        if text.unicodeScalars.count > limit { return "may hold at most \(limit) characters." }
        if text.containsControlCharacter { return "must not contain control characters." }
        return nil
    }
}
