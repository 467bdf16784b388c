import Kernel
import Synchronization

/// Writes requests that arrive while earlier ones are being written together: one transaction per tenant for whatever
/// has queued since the last commit, each request answered only after the transaction holding it has committed. A lone
/// request is written at once; a burst costs a few commits instead of one per request, which is what lets many clients
/// change one hot row (a SKU's stock) or append to one table (webhook deliveries) faster than commits can follow.
public final class GroupCommit<Request: Sendable, Answer: Sendable>: Sendable {
    /// Writes one tenant's requests in its transaction and answers each, in order. A request a business rule refuses
    /// answers a failure and must have written nothing; throwing fails the whole batch.
    public typealias Write = @Sendable ([Request], Transaction) async throws -> [Result<Answer, any Error>]

    private struct Waiting {
        let tenant: TenantID
        let request: Request
        let continuation: CheckedContinuation<Answer, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var writers = 0
    }

    private let database: Database
    private let writers: Int
    private let batchLimit: Int
    private let write: Write
    private let state = Mutex(State())

    /// `writers` concurrent transactions at most (enough to keep PostgreSQL's group commit busy, few enough to leave the
    /// pool to the rest), each taking at most `batchLimit` requests.
    public init(database: Database, writers: Int = 2, batchLimit: Int = 256, write: @escaping Write) {
        self.database = database
        self.writers = writers
        self.batchLimit = batchLimit
        self.write = write
    }

    /// The request's answer once the transaction holding it has committed, or the failure its write answered.
    public func submit(_ request: Request, tenant: TenantID) async throws -> Answer {
        try await withCheckedThrowingContinuation { continuation in
            let startsWriter = self.state.withLock { state -> Bool in
                state.waiting.append(Waiting(tenant: tenant, request: request, continuation: continuation))
                guard state.writers < self.writers else { return false }
                state.writers += 1
                return true
            }
            if startsWriter { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while let batch = self.nextBatch() {
            for (tenant, group) in Dictionary(grouping: batch, by: \.tenant) {
                await self.write(group, tenant: tenant)
            }
        }
    }

    /// The oldest waiting requests, or `nil` (and one writer fewer) when nothing waits.
    private func nextBatch() -> [Waiting]? {
        self.state.withLock { state -> [Waiting]? in
            guard !state.waiting.isEmpty else {
                state.writers -= 1
                return nil
            }
            let batch = Array(state.waiting.prefix(self.batchLimit))
            state.waiting.removeFirst(batch.count)
            return batch
        }
    }

    /// Writes one tenant's requests in one transaction. Should the database refuse a value or a row with more than one
    /// request in it, each is written alone, so a request the database refuses fails only itself.
    private func write(_ group: [Waiting], tenant: TenantID) async {
        do {
            let answers = try await self.database.withTenant(tenant) { try await self.write(group.map(\.request), $0) }
            precondition(answers.count == group.count, "a group write answers every request")
            for (waiting, answer) in zip(group, answers) { waiting.continuation.resume(with: answer) }
        } catch {
            guard group.count > 1, SQLState.refusesData(error) else {
                for waiting in group { waiting.continuation.resume(throwing: error) }
                return
            }
            for waiting in group { await self.write([waiting], tenant: tenant) }
        }
    }
}
