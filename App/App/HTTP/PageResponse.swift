import Hummingbird
import Kernel

/// A page of a REST list: `{"items": [...], "page_info": {...}}`, with Relay's opaque cursors.
struct PageResponse<Item: Encodable & Sendable>: Encodable {
    struct PageInfo: Encodable {
        let hasNextPage: Bool
        let hasPreviousPage: Bool
        let startCursor: String?
        let endCursor: String?
    }

    let items: [Item]
    let pageInfo: PageInfo

    init<Source>(_ page: Page<Source>, transform: (Source) -> Item) {
        self.items = page.items.map(transform)
        self.pageInfo = PageInfo(
            hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.startCursor?.encoded,
            endCursor: page.endCursor?.encoded)
    }
}

extension Request {
    /// `first`, `after`, `last`, `before` from the query string.
    func pageRequest() throws -> PageRequest {
        let query = self.uri.queryParameters
        func integer(_ name: String) throws -> Int? {
            guard let text = query[name[...]] else { return nil }
            guard let value = Int(String(text)) else { throw APIError.invalidParameter(name: name, reason: "must be a whole number.") }
            return value
        }
        return try PageRequest(
            first: integer("first"), after: query["after"].map(String.init), last: integer("last"), before: query["before"].map(String.init))
    }
}

extension Request {
    /// The query parameter `name` as one of `Value`'s cases (`nil` when absent); a 400 listing the allowed values otherwise.
    func enumParameter<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws -> Value?
    where Value.RawValue == String {
        try self.uri.queryParameters.get(name).map { text in try Self.enumValue(text, name: name, as: type) }
    }

    /// Every value of the query parameter `name`, repeated or comma-separated, as `Value`'s cases.
    func enumParameters<Value: RawRepresentable & CaseIterable>(_ name: String, as type: Value.Type) throws -> [Value]
    where Value.RawValue == String {
        try self.uri.queryParameters.getAll(name).flatMap { $0.split(separator: ",") }.map { try Self.enumValue(String($0), name: name, as: type) }
    }

    private static func enumValue<Value: RawRepresentable & CaseIterable>(_ text: String, name: String, as type: Value.Type) throws -> Value
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            throw APIError.invalidParameter(name: name, reason: "must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }
}
