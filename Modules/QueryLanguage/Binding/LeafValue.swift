/// The value of a scalar or enum field as it will be written to the response.
public enum LeafValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// Pre-serialized JSON text, written as is (the `JSON` scalar).
    case json(String)
    case list([LeafValue])

    public static func optional(_ value: String?) -> LeafValue { value.map(LeafValue.string) ?? .null }
    public static func optional(_ value: Int?) -> LeafValue { value.map(LeafValue.int) ?? .null }
    public static func optional(_ value: Bool?) -> LeafValue { value.map(LeafValue.bool) ?? .null }
}
