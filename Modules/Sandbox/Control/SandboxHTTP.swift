import Channels
import Foundation
import HTTPTypes
import Hummingbird
import Kernel
import NIOCore

/// Reading requests and writing answers the way the sandbox's provider routes all do.
enum SandboxHTTP {
    static func json(_ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.serialized())))
    }

    static func empty(status: Int) -> Response {
        Response(status: HTTPResponse.Status(code: status))
    }

    static func body(_ request: Request) async throws -> [UInt8] {
        Array(buffer: try await request.body.collect(upTo: 8 << 20))
    }

    /// The request body as JSON, or a 400 in the provider's words.
    static func jsonBody(_ request: Request) async throws -> JSONValue {
        do {
            return try JSONParser.parse(try await self.body(request))
        } catch {
            throw HTTPError(.badRequest, message: "The request body is not valid JSON.")
        }
    }

    /// `application/x-www-form-urlencoded` fields.
    static func form(_ request: Request) async throws -> [String: String] {
        let text = String(decoding: try await self.body(request), as: UTF8.self)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// A query parameter; its name may arrive percent-encoded (`created%3Amin`), as strict clients escape it.
    static func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters.get(name)
            ?? request.uri.queryParameters.first { String($0.key).removingPercentEncoding == name }.map { String($0.value) }
    }

    /// A whole-number query parameter, `value` when absent or unreadable, clamped to `range`.
    static func int(_ request: Request, _ name: String, default value: Int, in range: ClosedRange<Int>) -> Int {
        min(range.upperBound, max(range.lowerBound, Int(self.query(request, name) ?? "") ?? value))
    }

    static func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }

    /// An opaque continuation token (base64, as the providers' look) for position `offset` of a walk, `size` to a page,
    /// over what changed since `since`; with a `nonce`, every token is new even for the same position (Amazon's freshly
    /// signed tokens).
    static func pageToken(offset: Int, size: Int, since: Date, nonce: String? = nil) -> String {
        Data(["page", "\(since.timeIntervalSince1970)", nonce ?? "-", "\(size)", "\(offset)"].joined(separator: "|").utf8).base64EncodedString()
    }

    /// The window a token-paged request asks for: the continuation token's in parameter `tokenName`, else the first page
    /// of what changed since `since`, `size` to a page; `nil` for a token the sandbox did not issue.
    static func window(_ request: Request, tokenName: String, since: Date, size: Int) -> (offset: Int, size: Int, since: Date)? {
        guard let token = Self.query(request, tokenName) else { return (0, size, since) }
        return Self.page(fromToken: token)
    }

    /// The token of the page after `window` over `total` items; `nil` on the last page.
    static func nextToken(after window: (offset: Int, size: Int, since: Date), total: Int) -> String? {
        window.offset + window.size < total ? Self.pageToken(offset: window.offset + window.size, size: window.size, since: window.since) : nil
    }

    /// The position, page size and `since` of a token from `pageToken`; `nil` for anything else.
    static func page(fromToken token: String) -> (offset: Int, size: Int, since: Date)? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "page", let seconds = Double(parts[1]), let size = Int(parts[3]), size > 0, let offset = Int(parts[4]),
            offset >= 0
        else { return nil }
        return (offset, size, Date(timeIntervalSince1970: seconds))
    }
}

extension SandboxHTTP {
    /// The client id and secret of an HTTP basic `Authorization` header, as OAuth token endpoints take them.
    static func basicCredentials(_ request: Request) -> (id: String, secret: String)? {
        guard let header = self.header(request, "Authorization"), header.hasPrefix("Basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
            let colon = decoded.firstIndex(of: ":")
        else { return nil }
        return (String(decoded[..<colon]), String(decoded[decoded.index(after: colon)...]))
    }
}

extension SandboxHTTP {
    /// Page `number` (1-based) of `items`, `size` to a page, as page-numbered lists serve them.
    static func page<Item>(_ items: [Item], number: Int, size: Int) -> ArraySlice<Item> {
        let (offset, overflow) = (number - 1).multipliedReportingOverflow(by: size)
        return overflow ? [] : items.dropFirst(offset).prefix(size)
    }
}
