/// An ISO 4217 alphabetic currency code, upper-cased.
public struct CurrencyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let code: String

    /// Accepts exactly three ASCII letters, in any case.
    public init?(_ text: String) {
        guard text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = text.uppercased()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let code = CurrencyCode(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 4217 currency code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.code)
    }

    /// Digits after the decimal point in the currency's minor unit (ISO 4217).
    public var minorUnitDigits: Int {
        switch self.code {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND":
            3
        default:
            2
        }
    }

    public var description: String { self.code }
}
