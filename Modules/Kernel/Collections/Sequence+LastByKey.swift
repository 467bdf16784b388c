extension Sequence {
    /// One element per key, the last one given for it, in key order: a page that delivers two versions of a record keeps
    /// the later, and its rows are written in a stable order (so concurrent writers lock them alike).
    public func lastByKey<Key: Hashable & Comparable>(_ key: (Element) -> Key) -> [Element] {
        Dictionary(self.map { (key($0), $0) }, uniquingKeysWith: { _, later in later }).sorted { $0.key < $1.key }.map(\.value)
    }
}
