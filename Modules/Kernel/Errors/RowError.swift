/// What is wrong with one row of a batch request (a shipment of `POST /api/v1/shipments`), by its position in the
/// request. A batch is accepted whole or not at all, so every row's errors are answered together.
public struct RowError: Sendable, Equatable, Encodable {
    public let index: Int
    public let messages: [String]

    public init(index: Int, messages: [String]) {
        self.index = index
        self.messages = messages
    }
}
