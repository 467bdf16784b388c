import Foundation

extension Decimal {
    /// Parses `[-+]digits[.digits]` and nothing else, so `"1e5"`, `"NaN"`, `" 1"` and `"1,5"` are refused.
    public static func exact(_ text: String) -> Decimal? {
        var digitsSeen = false
        var pointSeen = false
        for (offset, character) in text.enumerated() {
            switch character {
            case "-" where offset == 0, "+" where offset == 0:
                continue
            case "0"..."9":
                digitsSeen = true
            case "." where !pointSeen:
                pointSeen = true
            default:
                return nil
            }
        }
        guard digitsSeen, text.last != "." else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The amount as a plain decimal string, never in exponent notation.
    public var plainString: String {
        var value = self
        return NSDecimalString(&value, Locale(identifier: "en_US_POSIX"))
    }
}
