/// A provider id that arrives as a JSON string or integer; kept as its exact text.
struct RemoteID: Decodable, Sendable, Equatable {
    let text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self.text = text
        } else if let number = try? container.decode(Int64.self) {
            self.text = String(number)
        } else {
            self.text = String(try container.decode(UInt64.self))
        }
    }
}
