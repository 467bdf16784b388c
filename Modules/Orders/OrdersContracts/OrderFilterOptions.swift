/// The distinct values present on an instance's orders (or every instance's), for the list's filter dropdowns.
public struct OrderFilterOptions: Sendable, Equatable {
    public let statuses: [String]
    public let paymentStatuses: [String]
    public let currencies: [String]
    public let paymentMethods: [String]

    public init(statuses: [String], paymentStatuses: [String], currencies: [String], paymentMethods: [String]) {
        self.statuses = statuses
        self.paymentStatuses = paymentStatuses
        self.currencies = currencies
        self.paymentMethods = paymentMethods
    }
}
