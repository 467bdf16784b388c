/// What ingesting a page did: how many records were written, and the channel ids of those the database refused (a
/// value it cannot hold), which are skipped so that one bad record never stops a channel's pulls.
public struct IngestOutcome: Sendable, Equatable {
    public let written: Int
    public let rejected: [String]

    public init(written: Int, rejected: [String] = []) {
        self.written = written
        self.rejected = rejected
    }
}
