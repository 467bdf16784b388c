import Foundation
import Identity
import IdentityContracts
import Kernel
import PostgresNIO
import Storage
import TestSupport
import Testing

func makeTenant(_ identity: IdentityService, slug: String = "shop-\(UUID().uuidString.prefix(8).lowercased())") async throws -> TenantSummary {
    try await identity.ensureTenant(id: .random(), name: "Shop \(slug)", slug: slug)
}

@Suite struct MachineTokenTests {
    @Test func anIssuedSecretIsShownOnceAndOnlyItsHashIsStored() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let tenant = try await makeTenant(identity)
            let issued = try await identity.issueToken(tenant: tenant.id, name: "NetSuite", scopes: ["erp", "import:read"], createdBy: "user:1")
            #expect(issued.secret.hasPrefix("syk_"))
            #expect(issued.secret.count == 47)
            #expect(issued.token.displayPrefix == String(issued.secret.prefix(12)))
            #expect(issued.token.scopes == [.erp, .importRead])

            let stored = try await environment.ownerClient.query("SELECT row_to_json(t)::text FROM identity.machine_tokens t").collect()
            let row = try #require(stored.first).decode(String.self)
            #expect(!row.contains(issued.secret))
            #expect(row.contains(issued.token.displayPrefix))

            let listed = try await identity.tokens(tenant: tenant.id)
            #expect(listed.map(\.id) == [issued.token.id])
        }
    }

    @Test func authenticatingStampsLastUsedAndRevocationStopsTheToken() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let tenant = try await makeTenant(identity)
            let issued = try await identity.issueToken(tenant: tenant.id, name: "ERP", scopes: ["erp"], createdBy: "cli")
            #expect(try await identity.tokens(tenant: tenant.id).first?.lastUsedAt == nil)

            let principal = try await identity.authenticateToken(secret: issued.secret)
            #expect(principal.tenant == tenant.id)
            #expect(try await identity.tokens(tenant: tenant.id).first?.lastUsedAt != nil)

            let revoked = try await identity.revokeToken(issued.token.id, tenant: tenant.id, revokedBy: "user:1")
            #expect(revoked.revokedAt != nil)
            await #expect(throws: IdentityError.tokenRevoked) { try await identity.authenticateToken(secret: issued.secret) }
            await #expect(throws: IdentityError.tokenAlreadyRevoked(issued.token.id)) {
                try await identity.revokeToken(issued.token.id, tenant: tenant.id, revokedBy: "user:1")
            }
        }
    }

    @Test(arguments: ["", "syk_short", "Bearer syk_0000000000000000000000000000000000000000000", "syk_000000000000000000000000000000000000000000!"])
    func malformedOrUnknownSecretsAreRefused(secret: String) async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            await #expect(throws: IdentityError.invalidCredentials) { try await identity.authenticateToken(secret: secret) }
        }
    }

    @Test func anUnknownScopeOrEmptyNameIsRefusedAndNothingIsWritten() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let tenant = try await makeTenant(identity)
            await #expect(throws: IdentityError.unknownScope("admin")) {
                try await identity.issueToken(tenant: tenant.id, name: "x", scopes: ["erp", "admin"], createdBy: "cli")
            }
            await #expect(throws: IdentityError.unknownScope("")) {
                try await identity.issueToken(tenant: tenant.id, name: "x", scopes: [], createdBy: "cli")
            }
            await #expect(throws: IdentityError.invalidTokenName) {
                try await identity.issueToken(tenant: tenant.id, name: "   ", scopes: ["erp"], createdBy: "cli")
            }
            #expect(try await identity.tokens(tenant: tenant.id).isEmpty)
        }
    }

    @Test func aTenantCannotSeeOrRevokeAnotherTenantsTokens() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let alpha = try await makeTenant(identity)
            let beta = try await makeTenant(identity)
            let issued = try await identity.issueToken(tenant: alpha.id, name: "alpha ERP", scopes: ["erp"], createdBy: "cli")
            #expect(try await identity.tokens(tenant: beta.id).isEmpty)
            await #expect(throws: IdentityError.tokenNotFound(issued.token.id)) {
                try await identity.revokeToken(issued.token.id, tenant: beta.id, revokedBy: "cli")
            }
            #expect(try await identity.authenticateToken(secret: issued.secret).tenant == alpha.id)
        }
    }

    @Test func issuingAndRevokingAreInTheActivityLog() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let tenant = try await makeTenant(identity)
            let issued = try await identity.issueToken(tenant: tenant.id, name: "ERP", scopes: ["erp"], createdBy: "user:7")
            _ = try await identity.revokeToken(issued.token.id, tenant: tenant.id, revokedBy: "user:8")
            let log = try await environment.database.withTenant(tenant.id) { try await ActivityLog.list(page: try PageRequest(), in: $0) }
            #expect(log.items.map(\.event) == ["token.revoked", "token.issued"])
            #expect(log.items.map(\.actorID) == ["user:8", "user:7"])
            #expect(log.items.allSatisfy { $0.subjectID == issued.token.id.description })
        }
    }

    @Test func writeScopesIncludeTheirReadScope() {
        #expect(TokenScope.importWrite.grants(.importRead))
        #expect(TokenScope.channelWrite.grants(.channelRead))
        #expect(!TokenScope.importRead.grants(.importWrite))
        #expect(!TokenScope.erp.grants(.importRead))
    }
}
