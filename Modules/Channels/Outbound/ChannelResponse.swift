import Kernel

/// A provider's answer: status, headers (names lower-cased) and the whole body.
public struct ChannelResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return self.headers.first { $0.name == name }?.value
    }

    /// The body as JSON; an empty body reads as `null`.
    public func json() throws(ChannelCallError) -> JSONValue {
        if self.body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) { return .null }
        do {
            return try JSONParser.parse(self.body)
        } catch {
            throw .malformed("the answer is not JSON (byte \(error.offset))")
        }
    }
}
