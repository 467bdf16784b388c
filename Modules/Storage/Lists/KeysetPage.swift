import Kernel
import PostgresNIO

/// One page of a filtered, sorted list, read with keyset pagination: the cursor carries the sort-key values of the
/// last row seen, so a list that changes between pages never repeats or skips a row. The last key must be unique
/// (the id), which makes the order total.
public struct KeysetPage: Sendable {
    public let table: String
    public let columns: String
    public let keys: [SortKey]
    public let page: PageRequest
    private var conditions: SQLConditions
    private let whereClause: String

    /// `conditions` holds the bindings of `whereClause` (which should begin with the tenant).
    public init(table: String, columns: String, where whereClause: String, conditions: SQLConditions, keys: [SortKey], page: PageRequest) {
        self.table = table
        self.columns = columns
        self.whereClause = whereClause
        self.conditions = conditions
        self.keys = keys
        self.page = page
    }

    /// Names the order, so a cursor from another sort is refused rather than misread.
    private var signature: String {
        self.keys.map { "\($0.column):\($0.descending ? "d" : "a")" }.joined(separator: ",")
    }

    /// The page statement; rows carry `columns` then one cursor value per key.
    public func statement() throws -> PostgresQuery {
        var conditions = self.conditions
        var clauses = [self.whereClause]
        let forward = self.page.direction == .forward
        if let cursor = self.page.cursor {
            clauses.append(try self.after(cursor, forward: forward, conditions: &conditions))
        }
        let order = self.keys.map { key in
            "\(key.column) \(key.descending == forward ? "DESC" : "ASC")"
        }.joined(separator: ", ")
        let limit = try conditions.bind(self.page.size + 1)
        let sql = """
            SELECT \(self.columns), \(self.keys.map(\.cursorExpression).joined(separator: ", "))
            FROM \(self.table) WHERE \(clauses.joined(separator: " AND ")) ORDER BY \(order) LIMIT \(limit)
            """
        return PostgresQuery(unsafeSQL: sql, binds: conditions.bindings)
    }

    /// Counts every row the filter admits (for `totalCount`).
    public func countStatement() -> PostgresQuery {
        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(self.table) WHERE \(self.whereClause)", binds: self.conditions.bindings)
    }

    /// Runs the page statement in `transaction` and reads it with `decode`.
    public func page<Item: Sendable>(in transaction: Transaction, decode: (PostgresRow) throws -> Item) async throws -> Page<Item> {
        try await self.read(try await transaction.query(try self.statement()), decode: decode)
    }

    /// Runs the count statement in `transaction`.
    public func count(in transaction: Transaction) async throws -> Int {
        for try await count in try await transaction.query(self.countStatement()).decode(Int.self) { return count }
        return 0
    }

    /// Reads a page: `decode` gets each row (its first cells are `columns`).
    public func read<Item: Sendable>(_ rows: PostgresRowSequence, decode: (PostgresRow) throws -> Item) async throws -> Page<Item> {
        var items: [(node: Item, cursor: Cursor)] = []
        for try await row in rows {
            let cells = row.makeRandomAccess()
            var values: [CursorValue] = [.string(self.signature)]
            for (offset, key) in self.keys.enumerated() {
                let cell = cells[cells.count - self.keys.count + offset]
                switch key.kind {
                case .int64, .timestamp: values.append(.int(try cell.decode(Int64.self)))
                case .text: values.append(.string(try cell.decode(String.self)))
                }
            }
            items.append((node: try decode(row), cursor: Cursor(values)))
        }
        return Page(fetched: items, request: self.page)
    }

    private func after(_ cursor: Cursor, forward: Bool, conditions: inout SQLConditions) throws -> String {
        guard cursor.values.count == self.keys.count + 1, cursor.values.first == .string(self.signature) else {
            throw PagingError.invalidCursor(cursor.encoded)
        }
        var boundaries: [String] = []
        for (key, value) in zip(self.keys, cursor.values.dropFirst()) {
            switch (key.kind, value) {
            case (.int64, .int(let number)): boundaries.append(key.boundary(try conditions.bind(number)))
            case (.timestamp, .int(let number)) where abs(number) <= SortKey.largestTimestampMicroseconds:
                boundaries.append(key.boundary(try conditions.bind(number)))
            case (.text, .string(let text)): boundaries.append(key.boundary(try conditions.bind(text)))
            default: throw PagingError.invalidCursor(cursor.encoded)
            }
        }
        func comparison(_ key: SortKey) -> String { key.descending == forward ? "<" : ">" }
        if Set(self.keys.map(\.descending)).count == 1 {
            let columns = self.keys.map(\.column).joined(separator: ", ")
            return "(\(columns)) \(comparison(self.keys[0])) (\(boundaries.joined(separator: ", ")))"
        }
        var alternatives: [String] = []
        for index in self.keys.indices {
            var parts = (0..<index).map { "\(self.keys[$0].column) = \(boundaries[$0])" }
            parts.append("\(self.keys[index].column) \(comparison(self.keys[index])) \(boundaries[index])")
            alternatives.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }
}
