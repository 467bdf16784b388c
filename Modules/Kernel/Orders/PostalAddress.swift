/// A billing or shipping address as a channel gives it; `country` is an ISO code where the channel gives one.
public struct PostalAddress: Sendable, Equatable {
    public var name: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var region: String?
    public var postal: String?
    public var country: String?
    public var phone: String?

    public init(
        name: String? = nil, address1: String? = nil, address2: String? = nil, city: String? = nil, region: String? = nil, postal: String? = nil,
        country: String? = nil, phone: String? = nil
    ) {
        self.name = name
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.region = region
        self.postal = postal
        self.country = country
        self.phone = phone
    }

    /// `nil` when the channel gave none of the fields.
    public var nonEmpty: PostalAddress? {
        [self.name, self.address1, self.address2, self.city, self.region, self.postal, self.country, self.phone].allSatisfy { $0 == nil } ? nil : self
    }
}
