import Foundation
import Kernel

/// The timestamp forms providers write (see the fixtures README, "Wire-format traps"), read into and written from `Date`.
public enum Timestamps {
    /// BigCommerce v2 and HTTP dates: `Tue, 05 Mar 2019 21:40:11 +0000` (also `GMT`).
    public static func rfc2822(_ text: String) -> Date? {
        Self.rfc2822Offset.date(from: text) ?? Self.rfc2822Zone.date(from: text)
    }

    public static func rfc2822(_ date: Date) -> String {
        Self.rfc2822Offset.string(from: date)
    }

    /// Magento and WooCommerce's `_gmt` fields: `2017-08-21 22:22:19` or `2017-03-22T16:28:02`, UTC without a zone.
    public static func utcWithoutZone(_ text: String) -> Date? {
        Self.utcSpace.date(from: text.replacingOccurrences(of: "T", with: " "))
    }

    /// A JSON field holding a date in that form; `nil` when absent or empty.
    public static func utcWithoutZone(_ value: JSONValue?) -> Date? {
        value?.nonEmptyText.flatMap { Self.utcWithoutZone($0) }
    }

    /// `2017-08-21 22:22:19`, or with `T` between date and time when `separatedByT` (WooCommerce's query parameters).
    public static func utcWithoutZone(_ date: Date, separatedByT: Bool = false) -> String {
        (separatedByT ? Self.utcT : Self.utcSpace).string(from: date)
    }

    /// Walmart: milliseconds since 1970 as a JSON number.
    public static func epochMilliseconds(_ value: JSONValue?) -> Date? {
        value?.decimal.map { Date(timeIntervalSince1970: NSDecimalNumber(decimal: $0).doubleValue / 1000) }
    }

    /// TikTok: seconds since 1970.
    public static func epochSeconds(_ value: JSONValue?) -> Date? {
        value?.decimal.map { Date(timeIntervalSince1970: NSDecimalNumber(decimal: $0).doubleValue) }
    }

    /// ISO 8601 with `Z` or an offset (Amazon, Shopify, eBay).
    public static func iso8601(_ value: JSONValue?) -> Date? {
        value?.nonEmptyText.flatMap(ISO8601.date(from:))
    }

    // Built once: a formatter costs far more to make than to use, and these parse every order of a page.
    private static let rfc2822Offset = Self.formatter("EEE, dd MMM yyyy HH:mm:ss Z")
    private static let rfc2822Zone = Self.formatter("EEE, dd MMM yyyy HH:mm:ss zzz")
    private static let utcSpace = Self.formatter("yyyy-MM-dd HH:mm:ss")
    private static let utcT = Self.formatter("yyyy-MM-dd'T'HH:mm:ss")

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }
}

extension Timestamps {
    /// Walmart: `date` as milliseconds since 1970, a JSON number.
    public static func epochMilliseconds(_ date: Date) -> JSONValue {
        .number(Int((date.timeIntervalSince1970 * 1000).rounded()))
    }
}
