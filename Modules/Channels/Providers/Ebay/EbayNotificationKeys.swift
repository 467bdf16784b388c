import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// eBay's notification public keys, fetched from `{apiBaseURL}/commerce/notification/v1/public_key/{kid}` with an
/// application token (client-credentials grant) and kept for the life of the process: eBay rotates by issuing new key ids.
public struct EbayNotificationKeys: SigningKeySource {
    let apiBaseURL: String
    let credentials: ChannelCredentials
    let client: HTTPClient
    let cache: Cache

    /// Keys and application tokens shared by every instance that talks to the same eBay environment.
    public actor Cache {
        var keys: [String: String] = [:]
        var tokens: [String: (token: String, expires: Date)] = [:]

        public init() {}

        func key(_ name: String) -> String? { self.keys[name] }
        func store(key: String, as name: String) { self.keys[name] = key }
        func token(_ name: String, now: Date) -> String? { self.tokens[name].flatMap { $0.expires > now ? $0.token : nil } }
        func store(token: String, expires: Date, as name: String) { self.tokens[name] = (token, expires) }
    }

    public init(apiBaseURL: String, credentials: ChannelCredentials, client: HTTPClient, cache: Cache) {
        self.apiBaseURL = apiBaseURL
        self.credentials = credentials
        self.client = client
        self.cache = cache
    }

    public func publicKey(kid: String) async throws -> String {
        let name = "\(self.apiBaseURL)|\(kid)"
        if let key = await self.cache.key(name) { return key }
        guard let escaped = kid.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) else { throw Failure.badKeyID }
        var request = HTTPClientRequest(url: "\(self.apiBaseURL)/commerce/notification/v1/public_key/\(escaped)")
        request.headers.add(name: "Authorization", value: "Bearer \(try await self.applicationToken())")
        request.headers.add(name: "Accept", value: "application/json")
        let answer: PublicKeyAnswer = try await self.send(request)
        await self.cache.store(key: answer.key, as: name)
        return answer.key
    }

    private func applicationToken() async throws -> String {
        let clientID = try self.credentials.required("client_id")
        let name = "\(self.apiBaseURL)|\(clientID)"
        if let token = await self.cache.token(name, now: Date()) { return token }
        var request = HTTPClientRequest(url: "\(self.apiBaseURL)/identity/v1/oauth2/token")
        request.method = .POST
        let basic = Data("\(clientID):\(try self.credentials.required("client_secret"))".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic \(basic)")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: "grant_type=client_credentials&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope"))
        let answer: TokenAnswer = try await self.send(request)
        await self.cache.store(token: answer.access_token, expires: Date().addingTimeInterval(Double(answer.expires_in) - 60), as: name)
        return answer.access_token
    }

    private func send<Answer: Decodable>(_ request: HTTPClientRequest) async throws -> Answer {
        let response = try await self.client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        guard response.status == .ok else { throw Failure.status(Int(response.status.code)) }
        return try JSONDecoder().decode(Answer.self, from: body)
    }

    enum Failure: Error {
        case badKeyID
        case status(Int)
    }

    struct PublicKeyAnswer: Decodable {
        let key: String
    }

    struct TokenAnswer: Decodable {
        let access_token: String
        let expires_in: Int
    }
}
