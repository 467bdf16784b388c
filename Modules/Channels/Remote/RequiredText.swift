import Kernel

extension JSONValue {
    /// The non-empty text at `key` of an item of a provider's list; a list item without it is a malformed answer.
    func required(_ key: String, of item: String) throws(ChannelCallError) -> String {
        guard let text = self[key]?.nonEmptyText else { throw .malformed("\(item) has no \(key)") }
        return text
    }
}
