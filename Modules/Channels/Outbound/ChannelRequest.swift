import Foundation
import Kernel

/// One call to a provider's API.
public struct ChannelRequest: Sendable {
    public enum Method: String, Sendable {
        case GET, POST, PUT, PATCH, DELETE
    }

    public var method: Method
    public var url: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]?

    public init(_ method: Method, _ url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A request whose body is `json`, sent as `application/json`.
    public init(_ method: Method, _ url: String, headers: [(name: String, value: String)] = [], json: JSONValue) {
        self.init(method, url, headers: headers + [("Content-Type", "application/json")], body: json.serialized())
    }

    /// A request whose body is a form (`application/x-www-form-urlencoded`), as OAuth token endpoints take.
    public init(_ method: Method, _ url: String, headers: [(name: String, value: String)] = [], form: [(String, String)]) {
        let text = URLQuery.encode(form)
        self.init(method, url, headers: headers + [("Content-Type", "application/x-www-form-urlencoded")], body: Array(text.utf8))
    }
}

extension ChannelRequest {
    /// The `Authorization` header of HTTP Basic authentication (RFC 7617).
    public static func basicAuthorization(user: String, password: String) -> (name: String, value: String) {
        ("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }
}
