import Kernel

/// Which channel orders the admin's list shows. Every given condition must hold. Archived orders are left out unless
/// `archived` asks for them (at the top level; a nested `archived` only narrows further).
public struct ChannelOrderFilter: CompoundFilter, Equatable, Decodable {
    /// Which orders by their archive state.
    public enum ArchiveScope: String, Sendable, Equatable, Decodable {
        case active = "ACTIVE"
        case archived = "ARCHIVED"
        case all = "ALL"
    }

    public var provider: EnumFilter<Provider>?
    /// The channel's lifecycle status, as the channel spells it.
    public var status: StringFilter?
    public var paymentStatus: StringFilter?
    public var canonicalStatus: EnumFilter<CanonicalOrderStatus>?
    /// The admin's status where set, else the canonical one (seed `002_…`).
    public var aggregatedStatus: EnumFilter<CanonicalOrderStatus>?
    public var currency: StringFilter?
    public var paymentMethod: StringFilter?
    public var orderedAt: DateTimeFilter?
    /// When the channel last changed the order (what the ERP's `since` reads).
    public var updatedAt: DateTimeFilter?
    public var importedToErp: Bool?
    public var archived: ArchiveScope?
    /// Case-insensitive text within the channel id, order number, buyer name or email, or a line's SKU.
    public var search: String?
    public var and: [ChannelOrderFilter]?
    public var or: [ChannelOrderFilter]?
    public var not: Indirect<ChannelOrderFilter>?

    public init(
        provider: EnumFilter<Provider>? = nil, status: StringFilter? = nil, aggregatedStatus: EnumFilter<CanonicalOrderStatus>? = nil,
        archived: ArchiveScope? = nil, search: String? = nil
    ) {
        self.provider = provider
        self.status = status
        self.aggregatedStatus = aggregatedStatus
        self.archived = archived
        self.search = search
    }

    /// Longest `search` text accepted.
    public static let maxSearchLength = 200
}

public enum ChannelOrderSortField: String, Sendable, Equatable, Decodable {
    case orderedAt = "ORDERED_AT"
    case updatedAt = "UPDATED_AT"
    case id = "ID"
}
