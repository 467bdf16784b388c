import Foundation
import Kernel

/// An order in a sandbox store, in provider-neutral terms; each provider's routes render it in that provider's format.
public struct SandboxOrder: Sendable, Equatable {
    public enum Status: String, Sendable {
        case open
        case shipped
        case cancelled
    }

    public struct Line: Sendable, Equatable {
        public let lineID: String
        public let sku: String
        public let title: String
        public let quantity: Int
        public let unitPrice: Decimal
        public var shipped: Int
    }

    public struct Shipment: Sendable, Equatable {
        public let id: String
        public let carrier: String
        public let trackingNumber: String
        public let lines: [String: Int]
    }

    /// Money given back for some units of the order's lines.
    public struct Refund: Sendable, Equatable {
        public struct Line: Sendable, Equatable {
            public let lineID: String
            public let sku: String
            public let quantity: Int
            /// The refunded units' price, before tax.
            public let subtotal: Decimal
            public let tax: Decimal

            public var amount: Decimal { self.subtotal + self.tax }
            public var unitPrice: Decimal { self.subtotal / Decimal(self.quantity) }
        }

        public let id: String
        public let createdAt: Date
        public let lines: [Line]
        public let reason: String

        public var amount: Decimal { self.lines.reduce(0) { $0 + $1.amount } }
        public var tax: Decimal { self.lines.reduce(0) { $0 + $1.tax } }
    }

    public let provider: Provider
    public let sequence: Int
    public let id: String
    public let number: String
    public let createdAt: Date
    public internal(set) var updatedAt: Date
    public internal(set) var status: Status
    public internal(set) var lines: [Line]
    public internal(set) var shipments: [Shipment]
    public internal(set) var refunds: [Refund] = []
    public let buyerName: String
    public let buyerEmail: String
    public let shippingCost: Decimal
    public let currency = "USD"

    public var subtotal: Decimal { self.lines.reduce(0) { $0 + $1.unitPrice * Decimal($1.quantity) } }
    public var tax: Decimal { (self.subtotal * Decimal(string: "0.08")!).rounded(2) }
    public var total: Decimal { self.subtotal + self.tax + self.shippingCost }
    public var itemCount: Int { self.lines.reduce(0) { $0 + $1.quantity } }
    public var shippedCount: Int { self.lines.reduce(0) { $0 + $1.shipped } }
}

extension Decimal {
    func rounded(_ places: Int) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, places, .plain)
        return result
    }

    /// `12.50`: two decimals, as providers write money in strings.
    var money: String { self.money(places: 2) }

    /// Money with `places` decimals (`12.5000` for BigCommerce's four).
    func money(places: Int) -> String {
        let text = "\(self.rounded(places))"
        guard let dot = text.firstIndex(of: ".") else { return text + "." + String(repeating: "0", count: places) }
        return text + String(repeating: "0", count: max(0, places - text.distance(from: dot, to: text.endIndex) + 1))
    }
}

extension SandboxOrder.Line {
    /// What the line costs before tax.
    var total: Decimal { self.unitPrice * Decimal(self.quantity) }
}

extension SandboxOrder {
    /// `line`'s share of the order's tax, to the cent.
    func lineTax(_ line: Line) -> Decimal {
        self.subtotal == 0 ? 0 : (self.tax * line.total / self.subtotal).rounded(2)
    }
}
