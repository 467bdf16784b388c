import Channels
import Logging

extension ChannelContext {
    /// An adapter's context for webhook checks: credentials and signing keys, no API to call.
    static func testing(_ credentials: [String: String] = [:], keys: any SigningKeySource = WebhookSignatureTests.FixedKeys(keys: [:]))
        -> ChannelContext
    {
        ChannelContext(
            connection: ChannelConnection(instanceKey: "test", baseURL: nil, credentials: ChannelCredentials(credentials)), http: ChannelHTTP(),
            signingKeys: keys, logger: Logger(label: "test"))
    }
}
