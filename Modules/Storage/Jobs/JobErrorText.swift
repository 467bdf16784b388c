/// A failure message as it is kept on a job: PostgreSQL text cannot hold NUL characters, and one runaway message must
/// not bloat the row.
enum JobErrorText {
    static let maximumLength = 4000

    static func storable(_ message: String) -> String {
        String(message.unicodeScalars.filter { $0 != "\0" }.prefix(Self.maximumLength).map(Character.init))
    }
}
