import PostgresNIO

/// Reads JSON that a statement wrote as text in its one row.
public enum JSONText {
    /// The first row's text as bytes; `none` when there is no row.
    public static func first(_ rows: PostgresRowSequence, orNone none: String) async throws -> [UInt8] {
        for try await text in rows.decode(String.self) { return Array(text.utf8) }
        return Array(none.utf8)
    }
}
