/// Text a store wrote for a web page (WooCommerce line names): `&amp;`, `&ndash;` and numeric references decoded.
enum HTMLEntities {
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let candidate = rest[ampersand...]
            guard let semicolon = candidate.prefix(12).firstIndex(of: ";"),
                let decoded = Self.character(String(candidate[candidate.index(after: ampersand)..<semicolon]))
            else {
                result += "&"
                rest = rest[rest.index(after: ampersand)...]
                continue
            }
            result.append(decoded)
            rest = rest[rest.index(after: semicolon)...]
        }
        return result + rest
    }

    private static let named: [String: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "\u{2013}", "mdash": "\u{2014}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "hellip": "\u{2026}", "trade": "\u{2122}",
        "reg": "\u{00AE}", "copy": "\u{00A9}", "times": "\u{00D7}",
    ]

    /// A numeric reference to NUL or another control character (which PostgreSQL's `jsonb` refuses) becomes U+FFFD, as
    /// HTML5 reads it; tab, line feed and carriage return stay.
    private static func character(_ entity: String) -> Character? {
        let code: UInt32?
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            code = UInt32(entity.dropFirst(2), radix: 16)
        } else if entity.hasPrefix("#") {
            code = UInt32(entity.dropFirst())
        } else {
            return Self.named[entity]
        }
        guard let code else { return nil }
        if code < 0x20, ![0x09, 0x0A, 0x0D].contains(code) { return "\u{FFFD}" }
        return Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}"
    }
}
