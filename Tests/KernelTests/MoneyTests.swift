import Foundation
import Kernel
import Testing

@Suite struct MoneyTests {
    let usd = CurrencyCode("usd")!
    let eur = CurrencyCode("EUR")!

    @Test func addingAmountsOfTwoCurrenciesIsRefused() throws {
        #expect(throws: MoneyError.currencyMismatch(usd, eur)) {
            try Money(10, usd).adding(Money(1, eur))
        }
        #expect(try Money(Decimal.exact("10.10")!, usd).adding(Money(Decimal.exact("0.25")!, usd)) == Money(Decimal.exact("10.35")!, usd))
    }

    @Test func roundingUsesTheCurrencysMinorUnitAndRoundsHalfAwayFromZero() {
        #expect(Money("2.345", usd)!.rounded() == Money("2.35", usd)!)
        #expect(Money("-2.345", usd)!.rounded() == Money("-2.35", usd)!)
        #expect(Money("100.5", CurrencyCode("JPY")!)!.rounded() == Money("101", CurrencyCode("JPY")!)!)
        #expect(Money("1.2345", CurrencyCode("KWD")!)!.rounded() == Money("1.235", CurrencyCode("KWD")!)!)
    }

    @Test func amountsTravelAsDecimalStringsWithoutLosingPrecision() throws {
        let money = Money("12345678901234567.89", usd)!
        let json = try JSONEncoder().encode(money)
        #expect(String(decoding: json, as: UTF8.self).contains("\"12345678901234567.89\""))
        #expect(try JSONDecoder().decode(Money.self, from: json) == money)
    }

    @Test(arguments: ["1e5", "NaN", " 1", "1,5", "", "-", "1.", ".5.", "+-1", "0x10"])
    func textThatIsNotAPlainDecimalIsRefused(text: String) {
        #expect(Decimal.exact(text) == nil)
    }

    @Test func decodingRefusesNumbersAndBadCurrencies() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data(#"{"amount": 1.5, "currency": "USD"}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: Data(#"{"amount": "1.5", "currency": "US"}"#.utf8)) }
        #expect(CurrencyCode("U$D") == nil)
    }
}
