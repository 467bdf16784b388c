/// Builds query strings. Provider tokens carry `+`, `/` and `=` (Amazon's NextToken), so values are escaped strictly.
public enum URLQuery {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    /// RFC 3986 percent-encoding of everything but the unreserved characters.
    public static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if Self.unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }

    /// `url` with `items` added to its query (after `?`, or `&` when it has one already); `url` itself when there are none.
    public static func appending(_ items: [(String, String)], to url: String) -> String {
        guard !items.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + Self.encode(items)
    }

    /// `a=1&b=2` with both sides escaped, in the order given.
    public static func encode(_ items: [(String, String)]) -> String {
        items.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }
}
