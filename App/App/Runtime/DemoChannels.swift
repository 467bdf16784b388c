import Foundation
import Integrations
import IntegrationsContracts
import Kernel
import Sandbox
import Storage

/// Connects a tenant to every Sandbox channel: one instance per provider with the credentials the Sandbox accepts,
/// webhooks and inventory sync on, and the Sandbox told where to deliver its webhooks and where its apps' consents
/// redirect (Switchyard's callbacks, so a seller's consent can be tried from the admin). Running it again reuses the
/// instances (pointing them at the Sandbox's current address).
struct DemoChannels {
    let services: AppServices
    let sandbox: Sandbox
    let sandboxRoot: String
    let switchyardURL: String

    @discardableResult
    func connect(tenant: TenantID) async throws -> [IntegrationInstance] {
        var connected: [IntegrationInstance] = []
        for provider in Sandbox.providers {
            let name = "Sandbox \(provider.rawValue)"
            let baseURL = Sandbox.baseURL(provider, root: self.sandboxRoot)
            let settings = String(
                decoding: try JSONSerialization.data(withJSONObject: SandboxCredentials.settings(provider, baseURL: baseURL), options: [.sortedKeys]),
                as: UTF8.self)
            let existing = try await self.services.database.withTenant(tenant) { transaction in
                let options = try await IntegrationsReads.instanceOptions(provider: provider, in: transaction).filter { $0.name == name }
                return try await IntegrationsReads.instances(ids: options.map(\.id.rawValue), in: transaction).first
            }
            let instance: IntegrationInstance
            if let existing {
                instance = try await self.services.integrations.updateInstance(
                    existing.id,
                    InstanceUpdate(
                        mode: .merge, apiBaseURL: baseURL, connectionSettings: settings, credentials: SandboxCredentials.credentials(provider)),
                    tenant: tenant, actor: "dev")
            } else {
                instance = try await self.services.integrations.createInstance(
                    NewIntegrationInstance(
                        provider: provider, name: name, code: "\(provider.rawValue)-us", apiBaseURL: baseURL, connectionSettings: settings,
                        credentials: SandboxCredentials.credentials(provider)),
                    tenant: tenant, actor: "dev")
                _ = try await self.services.integrations.enableChannel(
                    instance.id, ChannelEnablement(webhooks: true, syncInventory: true), tenant: tenant, actor: "dev")
            }
            await self.sandbox.sendWebhooks(provider, to: WebhookRoutes.path(for: instance).map { self.switchyardURL + $0 })
            await self.sandbox.registerRedirect(provider, to: self.services.integrations.authorizationSetup(provider).callbackURL)
            connected.append(instance)
        }
        return connected
    }

    /// The demo channel partner (it calls Switchyard's partner API rather than being called), created once.
    func partner(tenant: TenantID) async throws -> IntegrationInstance {
        let name = "Demo partner"
        let existing = try await self.services.database.withTenant(tenant) { transaction in
            let options = try await IntegrationsReads.instanceOptions(provider: .partner, in: transaction).filter { $0.name == name }
            return try await IntegrationsReads.instances(ids: options.map(\.id.rawValue), in: transaction).first
        }
        if let existing { return existing }
        return try await self.services.integrations.createInstance(
            NewIntegrationInstance(provider: .partner, name: name), tenant: tenant, actor: "dev")
    }
}
