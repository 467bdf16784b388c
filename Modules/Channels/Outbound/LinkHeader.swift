import Foundation

/// RFC 8288 `Link` headers as Shopify and WooCommerce page with: `<https://…?page_info=X&limit=50>; rel="next", <…>; rel="previous"`.
public enum LinkHeader {
    /// The URL of the `rel="next"` link, if any.
    public static func next(_ header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">"),
                parts.dropFirst().contains(where: { $0.replacingOccurrences(of: "\"", with: "") == "rel=next" })
            else { continue }
            return String(target.dropFirst().dropLast())
        }
        return nil
    }

    /// The decoded value of query parameter `name` in `url`.
    public static func parameter(_ name: String, in url: String) -> String? {
        guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) { return parts.count > 1 ? String(parts[1]).removingPercentEncoding : "" }
        }
        return nil
    }
}
