import Kernel

/// Which activity entries a list shows.
public struct ActivityFilter: CompoundFilter, Equatable, Decodable {
    public var subjectType: StringFilter?
    public var subjectId: StringFilter?
    public var event: StringFilter?
    public var actorType: StringFilter?
    public var actorId: StringFilter?
    public var occurredAt: DateTimeFilter?
    public var and: [ActivityFilter]?
    public var or: [ActivityFilter]?
    public var not: Indirect<ActivityFilter>?

    public init(
        subjectType: StringFilter? = nil, subjectId: StringFilter? = nil, event: StringFilter? = nil, actorType: StringFilter? = nil,
        actorId: StringFilter? = nil, occurredAt: DateTimeFilter? = nil
    ) {
        self.subjectType = subjectType
        self.subjectId = subjectId
        self.event = event
        self.actorType = actorType
        self.actorId = actorId
        self.occurredAt = occurredAt
    }
}
