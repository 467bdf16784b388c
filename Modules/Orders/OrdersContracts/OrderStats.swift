import Foundation
import Kernel

/// Counts and money of the orders a list filter admits: by aggregated status, by channel, and totals per currency.
public struct OrderStats: Sendable, Equatable {
    public struct StatusCount: Sendable, Equatable {
        public let status: CanonicalOrderStatus
        public let count: Int

        public init(status: CanonicalOrderStatus, count: Int) {
            self.status = status
            self.count = count
        }
    }

    public struct InstanceCount: Sendable, Equatable {
        public let instanceID: Int64
        public let provider: Provider
        public let count: Int

        public init(instanceID: Int64, provider: Provider, count: Int) {
            self.instanceID = instanceID
            self.provider = provider
            self.count = count
        }
    }

    public struct CurrencyTotal: Sendable, Equatable {
        public let currency: String?
        public let count: Int
        public let total: Decimal

        public init(currency: String?, count: Int, total: Decimal) {
            self.currency = currency
            self.count = count
            self.total = total
        }
    }

    public let total: Int
    public let byStatus: [StatusCount]
    public let byInstance: [InstanceCount]
    public let totals: [CurrencyTotal]

    public init(total: Int, byStatus: [StatusCount], byInstance: [InstanceCount], totals: [CurrencyTotal]) {
        self.total = total
        self.byStatus = byStatus
        self.byInstance = byInstance
        self.totals = totals
    }
}
