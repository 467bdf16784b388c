import GraphQL
import Synchronization

/// A parsed and validated document with its compiled plans, shared by every request that sends the same text.
final class CachedDocument: Sendable {
    let document: Document?
    /// Syntax or validation errors; when not empty the document is never executed.
    let errors: [QueryError]
    let conditionVariables: [String]
    private let plans = Mutex<[PlanKey: OperationPlan]>([:])

    struct PlanKey: Hashable {
        let operationName: String?
        let conditions: [Bool]
    }

    init(document: Document?, errors: [QueryError]) {
        self.document = document
        self.errors = errors
        self.conditionVariables = document.map(Planner.conditionVariables(in:)) ?? []
    }

    func plan(_ key: PlanKey, orMake make: () throws -> OperationPlan) rethrows -> OperationPlan {
        if let plan = self.plans.withLock({ $0[key] }) { return plan }
        let plan = try make()
        self.plans.withLock { plans in
            if plans.count >= 64 { plans.removeAll() }
            plans[key] = plan
        }
        return plan
    }
}

/// Documents by their text, bounded: when full, half of the entries are dropped; documents longer than
/// `largestCachedDocument` bytes are compiled every time instead of being kept.
final class DocumentCache: Sendable {
    static let largestCachedDocument = 32 * 1024

    private let capacity: Int
    private let entries = Mutex<[String: CachedDocument]>([:])

    init(capacity: Int) {
        self.capacity = capacity
    }

    func cached(_ text: String) -> CachedDocument? {
        self.entries.withLock { $0[text] }
    }

    func document(_ text: String, orMake make: () -> CachedDocument) -> CachedDocument {
        let made = make()
        guard text.utf8.count <= Self.largestCachedDocument else { return made }
        self.entries.withLock { entries in
            if entries.count >= self.capacity {
                for key in entries.keys.prefix(self.capacity / 2) { entries.removeValue(forKey: key) }
            }
            entries[text] = made
        }
        return made
    }
}
