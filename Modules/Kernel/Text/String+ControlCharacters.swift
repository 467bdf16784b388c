extension StringProtocol {
    /// Whether the text holds a control character (NUL, a line break, escape, …), which stored names, codes and SKUs
    /// refuse: PostgreSQL text cannot hold NUL, and the rest breaks CSV exports, logs and channel payloads.
    public var containsControlCharacter: Bool {
        self.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
