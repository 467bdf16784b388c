import Kernel

/// One channel partner API call as it was made and answered, to be kept in the inbound event log.
public struct PartnerCall: Sendable {
    public let instance: IntegrationInstanceID
    /// `METHOD /path`.
    public let endpoint: String
    public let headers: [(name: String, value: String)]
    public let requestBody: [UInt8]
    public let responseStatus: Int
    public let responseBody: String
    /// The error's sentence when the call was refused.
    public let error: String?

    public init(
        instance: IntegrationInstanceID, endpoint: String, headers: [(name: String, value: String)], requestBody: [UInt8],
        responseStatus: Int, responseBody: String, error: String?
    ) {
        self.instance = instance
        self.endpoint = endpoint
        self.headers = headers
        self.requestBody = requestBody
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.error = error
    }
}
