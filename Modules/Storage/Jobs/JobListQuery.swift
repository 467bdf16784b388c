import Kernel

/// Which tracked jobs the job tray lists.
public struct JobFilter: CompoundFilter, Equatable, Decodable {
    public var kind: StringFilter?
    public var state: EnumFilter<JobState>?
    public var createdAt: DateTimeFilter?
    public var updatedAt: DateTimeFilter?
    public var finishedAt: DateTimeFilter?
    public var and: [JobFilter]?
    public var or: [JobFilter]?
    public var not: Indirect<JobFilter>?

    public init(
        kind: StringFilter? = nil, state: EnumFilter<JobState>? = nil, createdAt: DateTimeFilter? = nil, updatedAt: DateTimeFilter? = nil,
        finishedAt: DateTimeFilter? = nil, and: [JobFilter]? = nil, or: [JobFilter]? = nil, not: JobFilter? = nil
    ) {
        self.kind = kind
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.and = and
        self.or = or
        self.not = not.map(Indirect.init)
    }
}

/// What the job tray can be ordered by; the id breaks ties.
public enum JobSortField: String, Sendable, Equatable, Decodable {
    case createdAt = "CREATED_AT"
    case updatedAt = "UPDATED_AT"
    case kind = "KIND"
    case state = "STATE"
    case id = "ID"
}
