import PostgresNIO

/// The SQLSTATE a PostgreSQL server error carries, so that callers can tell a unique violation or a value the server
/// cannot store from a failure of the database itself.
public struct SQLState: Sendable, Equatable {
    public let code: String
    /// The constraint or unique index that refused the row, where there is one.
    public let constraint: String?

    public init?(of error: any Error) {
        guard let error = error as? PSQLError, let code = error.serverInfo?[.sqlState] else { return nil }
        self.code = code
        self.constraint = error.serverInfo?[.constraintName]
    }

    /// 23505: a unique index refused the row.
    public var isUniqueViolation: Bool { self.code == "23505" }

    /// Class 22: the value itself is unacceptable (a NUL character in text, an out-of-range number, malformed JSON).
    public var isDataException: Bool { self.code.hasPrefix("22") }

    /// Class 23: a constraint refused the row (a foreign key, a check, a unique index).
    public var isIntegrityViolation: Bool { self.code.hasPrefix("23") }

    /// Whether the database refused a value or a row (a data exception or an integrity violation), as opposed to the
    /// connection or the server failing, when writing again would only add load.
    public static func refusesData(_ error: any Error) -> Bool {
        guard let state = SQLState(of: error) else { return false }
        return state.isDataException || state.isIntegrityViolation
    }
}
