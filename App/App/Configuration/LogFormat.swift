/// How log lines are written: JSON objects for collectors, or text for people.
public enum LogFormat: String, Sendable {
    /// Text on a terminal, JSON otherwise.
    case automatic = "auto"
    case json
    case text
}
