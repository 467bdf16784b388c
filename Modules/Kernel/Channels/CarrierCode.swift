/// A carrier a shipment may name on a channel, spelled as the channel wants it.
public struct CarrierCode: Sendable, Equatable {
    public let code: String
    public let displayName: String

    public init(code: String, displayName: String) {
        self.code = code
        self.displayName = displayName
    }

    /// Carriers whose code is also their name.
    public static func named(_ codes: [String]) -> [CarrierCode] {
        codes.map { CarrierCode(code: $0, displayName: $0) }
    }
}
