import Kernel

/// The parts of one record that a provider serves in pages of their own (BigCommerce's order products, WooCommerce's
/// variations): pages by number until a short one, at most `maxPages`.
enum PartPages {
    static let maxPages = 10

    static func collect(
        _ what: String, pageSize: Int, page: (Int) async throws(ChannelCallError) -> [JSONValue]
    ) async throws(ChannelCallError) -> [JSONValue] {
        var parts: [JSONValue] = []
        for number in 1...Self.maxPages {
            let batch = try await page(number)
            parts += batch
            if batch.count < pageSize { return parts }
        }
        throw .malformed("\(what) did not end after \(Self.maxPages) pages")
    }
}
