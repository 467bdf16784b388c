import Channels
import Foundation
import IntegrationsContracts
import Kernel

extension IntegrationsService {
    /// An adapter's view of an instance: its API root, credentials and connection settings, the process's shared HTTP
    /// sender (so every call to the instance draws from the same rate-limit buckets), and eBay's signing keys fetched from
    /// the instance's API (the Sandbox in dev and tests).
    func channelContext(
        tenant: TenantID, instance: IntegrationInstanceID, apiBaseURL: String?, credentials: ChannelCredentials, settings: [String: String] = [:]
    ) -> ChannelContext {
        ChannelContext(
            connection: ChannelConnection(instanceKey: "\(tenant)/\(instance)", baseURL: apiBaseURL, credentials: credentials, settings: settings),
            http: self.channelHTTP,
            signingKeys: EbayNotificationKeys(
                apiBaseURL: apiBaseURL ?? "https://api.ebay.com", credentials: credentials, http: self.channelHTTP, cache: self.ebayKeys),
            logger: self.logger)
    }

    /// An adapter's view of a stored instance.
    func channelContext(_ instance: IntegrationInstance, credentials: ChannelCredentials, tenant: TenantID) -> ChannelContext {
        self.channelContext(
            tenant: tenant, instance: instance.id, apiBaseURL: instance.apiBaseURL, credentials: credentials,
            settings: Self.settings(instance.connectionSettings))
    }

    /// The text-valued members of an instance's connection settings (`marketplace_id`, `token_url`…).
    static func settings(_ json: String) -> [String: String] {
        guard case .object(let members) = (try? JSONParser.parse(json)) ?? .null else { return [:] }
        return Dictionary(members.compactMap { member in member.value.text.map { (member.key, $0) } }, uniquingKeysWith: { first, _ in first })
    }
}
