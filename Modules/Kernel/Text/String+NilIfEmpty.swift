extension String {
    /// The text, or `nil` when it is empty.
    public var nilIfEmpty: String? { self.isEmpty ? nil : self }
}
