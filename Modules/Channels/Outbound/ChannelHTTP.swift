import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends provider calls: waits for the instance's rate limit, honours `Retry-After`, and retries 429, 5xx and connection
/// failures a few times with exponential backoff and jitter. What still fails is thrown as `ChannelCallError`, and a
/// transient one is retried later by the job queue (with its own backoff) rather than by holding a worker.
/// One value is shared by the process, so that every call to an instance draws from the same buckets.
public struct ChannelHTTP: Sendable {
    public struct Policy: Sendable {
        public var attempts: Int
        public var baseDelay: Double
        /// The longest a call waits in place (for a token or a `Retry-After`) before giving up to the job queue.
        public var maxInlineWait: Double
        public var timeout: Int64

        public init(attempts: Int = 4, baseDelay: Double = 0.25, maxInlineWait: Double = 10, timeout: Int64 = 30) {
            self.attempts = attempts
            self.baseDelay = baseDelay
            self.maxInlineWait = maxInlineWait
            self.timeout = timeout
        }
    }

    let client: HTTPClient
    let throttle: RequestThrottle
    public let tokens: AccessTokens
    let policy: Policy

    public init(client: HTTPClient = .shared, policy: Policy = Policy()) {
        self.client = client
        self.throttle = RequestThrottle()
        self.tokens = AccessTokens()
        self.policy = policy
    }

    public func send(_ request: ChannelRequest, throttle key: ThrottleKey) async throws(ChannelCallError) -> ChannelResponse {
        for attempt in 1...max(1, self.policy.attempts) {
            let wait = try await self.throttle.reserve(key, maxWait: .seconds(self.policy.maxInlineWait))
            try await Self.sleep(wait)
            let isLast = attempt >= max(1, self.policy.attempts)
            let response: ChannelResponse
            do {
                response = try await self.execute(request)
            } catch {
                if isLast { throw error }
                try await Self.sleep(self.backoff(attempt))
                continue
            }
            switch response.status {
            case 200..<300:
                return response
            case 429:
                let seconds = Self.retryAfter(response) ?? self.backoff(attempt).seconds
                await self.throttle.pause(key, seconds: seconds)
                if isLast || seconds > self.policy.maxInlineWait { throw .throttled(retryAfter: seconds) }
            case 500..<600:
                // A wait too long to hold a worker goes back to the job queue as a throttle, like a 429's.
                let retryAfter = Self.retryAfter(response)
                if let retryAfter, retryAfter > self.policy.maxInlineWait { throw .throttled(retryAfter: retryAfter) }
                if isLast { throw .unavailable(status: response.status) }
                try await Self.sleep(retryAfter.map { .seconds($0) } ?? self.backoff(attempt))
            default:
                throw .rejected(status: response.status, message: Self.describe(response))
            }
        }
        throw .unreachable("no attempt made")
    }

    private func execute(_ request: ChannelRequest) async throws(ChannelCallError) -> ChannelResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if request.headers.allSatisfy({ $0.name.lowercased() != "accept" }) { outgoing.headers.add(name: "Accept", value: "application/json") }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await self.client.execute(outgoing, timeout: .seconds(self.policy.timeout))
            let body = try await response.body.collect(upTo: 64 << 20)
            return ChannelResponse(
                status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: Array(buffer: body))
        } catch {
            // The query stays out: some providers take secrets there (TikTok's token/get).
            throw .unreachable("\(request.method.rawValue) \(request.url.split(separator: "?").first ?? ""): \(error)")
        }
    }

    /// `baseDelay · 2^(attempt-1)`, with full jitter on its upper half so retries from many workers spread out.
    private func backoff(_ attempt: Int) -> Duration {
        let ceiling = self.policy.baseDelay * pow(2, Double(attempt - 1))
        return .seconds(ceiling / 2 + Double.random(in: 0...(ceiling / 2)))
    }

    private static func sleep(_ duration: Duration) async throws(ChannelCallError) {
        guard duration > .zero else { return }
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw .unreachable("cancelled")
        }
    }

    /// `Retry-After` in seconds, or as an HTTP date.
    static func retryAfter(_ response: ChannelResponse) -> Double? {
        guard let value = response.header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        return Timestamps.rfc2822(value).map { max(0, $0.timeIntervalSinceNow) }
    }

    /// A short account of a refusal: the body's first 300 characters.
    private static func describe(_ response: ChannelResponse) -> String {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self)
        return text.isEmpty ? "no body" : text
    }
}
