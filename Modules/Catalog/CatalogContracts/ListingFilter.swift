import Kernel

/// Which listings a list shows; every field narrows it.
public struct ListingFilter: Sendable, Equatable {
    public var instanceID: Int64?
    public var productID: Int64?
    public var mapped: Bool?
    public var statuses: [CanonicalListingStatus]?
    /// Text the SKU or title contains.
    public var search: String?

    public init(
        instanceID: Int64? = nil, productID: Int64? = nil, mapped: Bool? = nil, statuses: [CanonicalListingStatus]? = nil, search: String? = nil
    ) {
        self.instanceID = instanceID
        self.productID = productID
        self.mapped = mapped
        self.statuses = statuses
        self.search = search
    }
}
