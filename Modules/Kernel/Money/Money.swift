import Foundation

/// An exact amount of one currency. Never a floating-point number.
public struct Money: Hashable, Sendable {
    public let amount: Decimal
    public let currency: CurrencyCode

    public init(_ amount: Decimal, _ currency: CurrencyCode) {
        self.amount = amount
        self.currency = currency
    }

    /// Parses a plain decimal string (`"12.50"`, `"-3"`); `nil` for anything else, including exponents.
    public init?(_ text: String, _ currency: CurrencyCode) {
        guard let amount = Decimal.exact(text) else { return nil }
        self.init(amount, currency)
    }

    public static func zero(_ currency: CurrencyCode) -> Money { Money(0, currency) }

    public func adding(_ other: Money) throws(MoneyError) -> Money {
        try self.requireSameCurrency(other)
        return Money(self.amount + other.amount, self.currency)
    }

    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        try self.requireSameCurrency(other)
        return Money(self.amount - other.amount, self.currency)
    }

    public func multiplied(by factor: Decimal) -> Money {
        Money(self.amount * factor, self.currency)
    }

    /// Rounded half away from zero ("commercial" rounding) to `scale` digits, by default the currency's minor unit.
    public func rounded(scale: Int? = nil) -> Money {
        var source = self.amount
        var result = Decimal()
        NSDecimalRound(&result, &source, scale ?? self.currency.minorUnitDigits, .plain)
        return Money(result, self.currency)
    }

    private func requireSameCurrency(_ other: Money) throws(MoneyError) {
        guard self.currency == other.currency else {
            throw .currencyMismatch(self.currency, other.currency)
        }
    }
}

extension Money: Codable {
    private enum CodingKeys: String, CodingKey {
        case amount
        case currency
    }

    /// Decodes `{"amount": "12.34", "currency": "USD"}`; the amount must be a decimal string so no precision is lost.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .amount)
        guard let amount = Decimal.exact(text) else {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: "'\(text)' is not a decimal amount")
        }
        self.init(amount, try container.decode(CurrencyCode.self, forKey: .currency))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.amount.plainString, forKey: .amount)
        try container.encode(self.currency, forKey: .currency)
    }
}

/// Why a money operation was refused.
public enum MoneyError: Error, Equatable, Sendable {
    case currencyMismatch(CurrencyCode, CurrencyCode)
}
