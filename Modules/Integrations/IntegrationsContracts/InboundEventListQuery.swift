import Kernel

/// Which inbound events a list shows.
public struct InboundEventFilter: CompoundFilter, Equatable, Decodable {
    public var status: EnumFilter<InboundEventStatus>?
    public var source: EnumFilter<InboundEventSource>?
    public var endpoint: StringFilter?
    public var topic: StringFilter?
    public var deliveryId: StringFilter?
    public var receivedAt: DateTimeFilter?
    public var and: [InboundEventFilter]?
    public var or: [InboundEventFilter]?
    public var not: Indirect<InboundEventFilter>?

    public init(status: EnumFilter<InboundEventStatus>? = nil, endpoint: StringFilter? = nil, receivedAt: DateTimeFilter? = nil) {
        self.status = status
        self.endpoint = endpoint
        self.receivedAt = receivedAt
    }
}

public enum InboundEventSortField: String, Sendable, Equatable, Decodable {
    case receivedAt = "RECEIVED_AT"
    case status = "STATUS"
    case id = "ID"
}

/// Which instances a list shows.
public struct IntegrationInstanceFilter: CompoundFilter, Equatable, Decodable {
    public var provider: EnumFilter<Provider>?
    public var status: EnumFilter<InstanceStatus>?
    public var name: StringFilter?
    public var createdAt: DateTimeFilter?
    public var and: [IntegrationInstanceFilter]?
    public var or: [IntegrationInstanceFilter]?
    public var not: Indirect<IntegrationInstanceFilter>?

    public init(provider: EnumFilter<Provider>? = nil, status: EnumFilter<InstanceStatus>? = nil, name: StringFilter? = nil) {
        self.provider = provider
        self.status = status
        self.name = name
    }
}

public enum IntegrationInstanceSortField: String, Sendable, Equatable, Decodable {
    case createdAt = "CREATED_AT"
    case name = "NAME"
    case id = "ID"
}
