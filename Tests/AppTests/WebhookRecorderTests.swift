import Catalog
import Foundation
import Identity
import IdentityContracts
import IntegrationsContracts
import Kernel
import Orders
import Storage
import TestSupport
import Testing

@testable import Integrations

/// Batched webhook recording on real PostgreSQL.
@Suite struct WebhookRecorderTests {
    /// Deliveries the database refuses (here: for an instance that does not exist) fail alone; the deliveries that were
    /// batched with them are still recorded, each with its job.
    @Test func aRefusedDeliveryFailsOnlyItself() async throws {
        try await TestDatabase.withFresh { environment in
            let tenant = try await IdentityService(database: environment.database).ensureTenant(id: .random(), name: "Shop", slug: "shop")
            let service = IntegrationsService(
                database: environment.database, vault: CredentialVault(base64Key: CredentialVault.generateKey())!, clock: SystemClock(),
                links: AppFixture.links, orders: OrdersService(database: environment.database),
                catalog: CatalogService(database: environment.database))
            let instance = try await service.createInstance(
                NewIntegrationInstance(provider: .shopify, name: "Store", credentials: ["client_secret": "s", "access_token": "t"]),
                tenant: tenant.id, actor: "test")
            let recorder = WebhookRecorder(database: environment.database)
            let outcomes = await withTaskGroup(of: (Bool, Bool).self) { group in
                for index in 0..<40 {
                    let refused = index % 8 == 5
                    let delivery = WebhookRecorder.Delivery(
                        tenant: tenant.id,
                        event: InboundEventStore.NewDelivery(
                            instance: refused ? IntegrationInstanceID(999_999) : instance.id, endpoint: "POST /upstream/webhooks/shopify/orders",
                            deliveryID: "d-\(index)", topic: "orders/create", requestHeaders: "{}", requestBody: Array("{}".utf8)))
                    group.addTask {
                        let recorded = (try? await recorder.record(delivery)) != nil
                        return (refused, recorded)
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0.0 }.allSatisfy { !$0.1 }, "the refused ones fail")
            #expect(outcomes.filter { !$0.0 }.allSatisfy { $0.1 }, "every other delivery is recorded")
            let events = try await environment.database.withTenant(tenant.id) {
                try await IntegrationsReads.eventCount(instance: instance.id, filter: nil, in: $0)
            }
            #expect(events == 35)
        }
    }
}
