import Channels
import Crypto
import Foundation
import IntegrationsContracts
import Kernel
import Logging
import Storage

/// Sellers' consents (OAuth and its kin): a state kept 15 minutes binds the provider's answer to the instance that asked;
/// the answer is redeemed with the provider outside any transaction, and the granted credentials are stored with the
/// instance turning `connected` in one.
extension IntegrationsService {
    static let authorizationLifetime: TimeInterval = 15 * 60

    public func authorizationSetup(_ provider: Provider) -> AuthorizationSetup {
        let keys = ChannelAdapters.credentialKeys(for: provider)
        guard let type = ChannelAdapters.authorizationType(for: provider) else {
            return AuthorizationSetup(
                provider: provider, method: .credentials, callbackStyle: nil, callbackURL: nil, appCredentials: keys.required,
                grantedCredentials: [])
        }
        return AuthorizationSetup(
            provider: provider, method: .consent, callbackStyle: AuthorizationSetup.CallbackStyle(rawValue: type.callbackStyle.rawValue),
            callbackURL: self.callbackURL(provider), appCredentials: type.consentCredentials, grantedCredentials: keys.granted.sorted())
    }

    public func startAuthorization(_ id: IntegrationInstanceID, tenant: TenantID, actor: String) async throws -> AuthorizationStart {
        try await self.database.withTenant(tenant) { transaction in
            let instance = try await self.existing(id, in: transaction)
            let credentials = try await self.storedCredentials(id, in: transaction)
            guard
                let authorization = ChannelAdapters.authorization(
                    for: instance.provider, context: self.channelContext(instance, credentials: credentials, tenant: tenant))
            else { throw IntegrationsError.authorizationNotSupported(instance.provider) }
            let state = Hex.random(bytes: 32)
            let url = try authorization.consentURL(
                ConsentRequest(state: state, callbackURL: self.callbackURL(instance.provider), returnURL: self.returnURL(id)))
            let now = self.clock.now()
            let expiresAt = now.addingTimeInterval(Self.authorizationLifetime)
            try await AuthorizationStateStore.insert(
                stateHash: Self.hash(state), instance: id, provider: instance.provider, startedBy: actor, expiresAt: expiresAt, now: now,
                in: transaction)
            try await self.activity(id, event: "integration.authorization_started", actor: actor, in: transaction)
            return AuthorizationStart(url: url, expiresAt: expiresAt)
        }
    }

    public func completeAuthorization(provider: Provider, parameters: [String: String]) async throws -> AuthorizationOutcome {
        let callback = AuthorizationCallback(parameters: parameters)
        guard let type = ChannelAdapters.authorizationType(for: provider), let state = type.state(of: callback), !state.isEmpty,
            let started = try await self.database.withSystem({ transaction in
                try await AuthorizationStateStore.take(stateHash: Self.hash(state), now: self.clock.now(), in: transaction)
            }), started.provider == provider
        else { return self.failed(nil, IntegrationsError.authorizationStateInvalid) }
        let id = started.instance
        guard !started.lapsed else { return self.failed(id, IntegrationsError.authorizationStateInvalid) }
        do {
            let (instance, credentials) = try await self.database.withTenant(started.tenant) { transaction in
                (try await self.existing(id, in: transaction), try await self.storedCredentials(id, in: transaction))
            }
            guard
                let authorization = ChannelAdapters.authorization(
                    for: provider, context: self.channelContext(instance, credentials: credentials, tenant: started.tenant))
            else { throw IntegrationsError.authorizationNotSupported(provider) }
            let grant = try await authorization.redeem(callback, callbackURL: self.callbackURL(provider))
            try await self.storeGrant(grant, for: id, startedBy: started.startedBy, tenant: started.tenant)
            return AuthorizationOutcome(failure: nil, returnURL: URLQuery.appending([("authorization", "connected")], to: self.returnURL(id)))
        } catch {
            self.logger.log(
                level: error is any DomainError ? .warning : .error, "consent not completed",
                metadata: ["instance": "\(started.tenant)/\(id)", "provider": "\(provider.rawValue)", "error": "\(String(reflecting: error))"])
            return self.failed(id, error as? any DomainError ?? IntegrationsError.authorizationInterrupted)
        }
    }

    /// Adds the granted credentials and settings to the instance's and connects it.
    private func storeGrant(_ grant: AuthorizationGrant, for id: IntegrationInstanceID, startedBy: String, tenant: TenantID) async throws {
        let settings = String(decoding: try JSONSerialization.data(withJSONObject: grant.settings, options: [.sortedKeys]), as: UTF8.self)
        _ = try await self.changingRoute(id, tenant: tenant) { transaction in
            let instance = try await self.existing(id, in: transaction)
            let current = try await self.storedCredentials(id, in: transaction)
            let (credentials, status) = try InstanceRules.credentials(
                current.values.merging(grant.credentials) { _, granted in granted }, provider: instance.provider)
            guard status == .connected else {
                let missing = ChannelAdapters.credentialKeys(for: instance.provider).required.filter { credentials.values[$0] == nil }
                throw IntegrationsError.missingCredentials(provider: instance.provider, names: missing)
            }
            try await self.storeCredentials(credentials, status: status, for: id, in: transaction)
            try await InstanceStore.update(
                id, mode: .merge, name: nil, apiBaseURL: nil, integrationSettings: nil, connectionSettings: settings, in: transaction)
            return try await self.recorded(id, event: "integration.authorized", actor: startedBy, in: transaction)
        }
    }

    /// Back to the instance's page (the integrations list when the state named none) with the failure's code.
    private func failed(_ id: IntegrationInstanceID?, _ error: any DomainError) -> AuthorizationOutcome {
        let page = id.map(self.returnURL) ?? self.links.adminURL + "/integrations"
        return AuthorizationOutcome(
            failure: AuthorizationOutcome.Failure(code: error.code, message: error.message),
            returnURL: URLQuery.appending([("authorization", "failed"), ("reason", error.code)], to: page))
    }

    func callbackURL(_ provider: Provider) -> String {
        self.links.publicURL + "/oauth/\(provider.rawValue)/callback"
    }

    private func returnURL(_ id: IntegrationInstanceID) -> String {
        self.links.adminURL + "/integrations/\(id)"
    }

    private static func hash(_ state: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(state.utf8)))
    }
}
