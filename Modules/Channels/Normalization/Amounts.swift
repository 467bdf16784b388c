import Foundation
import Kernel

/// Arithmetic the normalizers share: sums of optional amounts and per-unit prices.
enum Amounts {
    /// The sum of the amounts present; `nil` when none is.
    static func sum(_ amounts: [Decimal?]) -> Decimal? {
        let present = amounts.compactMap { $0 }
        return present.isEmpty ? nil : Self.finite(present.reduce(0, +))
    }

    /// The sum of the amount at `path` of each element of `array`.
    static func sum(_ array: JSONValue?, _ path: String...) -> Decimal? {
        self.sum((array?.arrayValue ?? []).map { element in path.reduce(Optional(element)) { $0?[$1] }?.decimal })
    }

    /// `total / quantity` rounded half away from zero to `scale` places; `nil` without a total or a quantity.
    static func perUnit(_ total: Decimal?, _ quantity: Int, scale: Int = 2) -> Decimal? {
        guard let total, quantity > 0 else { return nil }
        return self.rounded(Self.finite(total / Decimal(quantity)), scale: scale)
    }

    /// Rounded half away from zero to `scale` places (seed `001_…`'s two places for selling prices).
    static func rounded(_ amount: Decimal?, scale: Int = 2) -> Decimal? {
        guard var source = amount, !source.isNaN else { return nil }
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)
        return result
    }

    /// `nil` for NaN, what `Decimal` arithmetic answers on overflow.
    static func finite(_ amount: Decimal?) -> Decimal? {
        amount.flatMap { $0.isNaN ? nil : $0 }
    }

    /// What a line sold for per unit (seed `001_…`): its total after every discount, less the tax a tax-inclusive price
    /// holds, divided by its quantity, to 2 places.
    static func sellingUnitPrice(lineTotal: Decimal?, discounts: Decimal? = nil, includedTax: Decimal? = nil, quantity: Int) -> Decimal? {
        self.perUnit(lineTotal.flatMap { Self.finite($0 - (discounts ?? 0) - (includedTax ?? 0)) }, quantity)
    }

    /// A line's fulfillment from the units shipped and cancelled, where the provider gives no status of its own.
    static func fulfillment(ordered: Int, shipped: Int, cancelled: Int = 0) -> String {
        if ordered > 0, cancelled >= ordered { return "cancelled" }
        if shipped == 0 { return "unfulfilled" }
        return shipped < ordered - cancelled ? "partial" : "fulfilled"
    }

    /// The size of an amount a channel reports with a sign (refund debits, discounts).
    static func magnitude(_ amount: Decimal?) -> Decimal? {
        amount.map { $0 < 0 ? -$0 : $0 }
    }
}
