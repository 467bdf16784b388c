import Kernel
import Logging

/// Everything an adapter is built with: the instance's connection, the shared HTTP sender, where signing keys come from,
/// and a logger.
public struct ChannelContext: Sendable {
    public let connection: ChannelConnection
    public let http: ChannelHTTP
    public let signingKeys: any SigningKeySource
    public let logger: Logger

    public init(connection: ChannelConnection, http: ChannelHTTP, signingKeys: any SigningKeySource, logger: Logger) {
        self.connection = connection
        self.http = http
        self.signingKeys = signingKeys
        self.logger = logger
    }

    public var credentials: ChannelCredentials { self.connection.credentials }

    /// The bucket of `operation` for this instance.
    func throttle(_ operation: String, _ limit: RateLimit) -> ThrottleKey {
        ThrottleKey(instance: self.connection.instanceKey, operation: operation, limit: limit)
    }

    /// Sends `request` drawing on `operation`'s bucket.
    func send(_ request: ChannelRequest, _ operation: String, _ limit: RateLimit) async throws(ChannelCallError) -> ChannelResponse {
        try await self.http.send(request, throttle: self.throttle(operation, limit))
    }

    /// Sends `request` drawing on `operation`'s bucket and reads the answer as JSON.
    func json(_ request: ChannelRequest, _ operation: String, _ limit: RateLimit) async throws(ChannelCallError) -> JSONValue {
        try await self.send(request, operation, limit).json()
    }
}
