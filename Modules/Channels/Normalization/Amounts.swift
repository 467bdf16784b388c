import Foundation
import Kernel

/// Arithmetic the normalizers share: sums of optional amounts and per-unit prices.
enum Amounts {
    /// The sum of the amounts present; `nil` when none is.
    static func sum(_ amounts: [Decimal?]) -> Decimal? {
        let present = amounts.compactMap { $0 }
        return present.isEmpty ? nil : present.reduce(0, +)
    }

    /// `total / quantity` rounded half away from zero to `scale` places; `nil` without a total or a quantity.
    static func perUnit(_ total: Decimal?, _ quantity: Int, scale: Int = 2) -> Decimal? {
        guard let total, quantity > 0 else { return nil }
        return self.rounded(total / Decimal(quantity), scale: scale)
    }

    /// Rounded half away from zero to `scale` places (seed `001_…`'s two places for selling prices).
    static func rounded(_ amount: Decimal?, scale: Int = 2) -> Decimal? {
        guard var source = amount else { return nil }
        var result = Decimal()
        NSDecimalRound(&result, &source, scale, .plain)
        return result
    }

    /// The size of an amount a channel reports with a sign (refund debits, discounts).
    static func magnitude(_ amount: Decimal?) -> Decimal? {
        amount.map { $0 < 0 ? -$0 : $0 }
    }
}
