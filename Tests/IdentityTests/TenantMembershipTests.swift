import Foundation
import Identity
import IdentityContracts
import Kernel
import PostgresNIO
import Storage
import TestSupport
import Testing

@Suite struct TenantMembershipTests {
    @Test func ensuringATenantOrUserTwiceChangesNothing() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let id = TenantID.random()
            let first = try await identity.ensureTenant(id: id, name: "Acme", slug: "acme")
            let second = try await identity.ensureTenant(id: id, name: "Renamed", slug: "acme")
            #expect(first == second)
            let user = try await identity.ensureUser(id: .random(), email: "Ops@Acme.example", name: "Ops")
            let again = try await identity.ensureUser(id: .random(), email: "ops@acme.example", name: "Other")
            #expect(again == user)
        }
    }

    @Test(arguments: ["A", "-acme", "acme_shop", "x"])
    func invalidSlugsAreRefused(slug: String) async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            await #expect(throws: IdentityError.invalidTenantSlug(slug)) { try await identity.ensureTenant(id: .random(), name: "x", slug: slug) }
        }
    }

    @Test func aUserActsOnlyInTenantsTheyBelongTo() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let alpha = try await identity.ensureTenant(id: .random(), name: "Alpha", slug: "alpha")
            let beta = try await identity.ensureTenant(id: .random(), name: "Beta", slug: "beta")
            let user = try await identity.ensureUser(id: .random(), email: "a@alpha.example", name: "A")
            try await identity.setMembership(tenant: alpha.id, user: user.id, role: .staff)

            let principal = try await identity.authenticateUser(user.id, in: alpha.id)
            #expect(principal == .user(user, tenant: alpha.id, role: .staff))
            await #expect(throws: IdentityError.notAMember(tenant: beta.id.description)) { try await identity.authenticateUser(user.id, in: beta.id) }
            await #expect(throws: IdentityError.self) {
                try await identity.authenticateUser(user.id, in: .random())
            }

            try await identity.setMembership(tenant: alpha.id, user: user.id, role: .admin)
            #expect(try await identity.authenticateUser(user.id, in: alpha.id) == .user(user, tenant: alpha.id, role: .admin))
        }
    }

    @Test func aTenantSeesOnlyItsOwnMembers() async throws {
        try await TestDatabase.withFresh { environment in
            let identity = IdentityService(database: environment.database)
            let alpha = try await identity.ensureTenant(id: .random(), name: "Alpha", slug: "alpha")
            let beta = try await identity.ensureTenant(id: .random(), name: "Beta", slug: "beta")
            let inAlpha = try await identity.ensureUser(id: .random(), email: "a@alpha.example", name: "A")
            let inBeta = try await identity.ensureUser(id: .random(), email: "b@beta.example", name: "B")
            try await identity.setMembership(tenant: alpha.id, user: inAlpha.id, role: .owner)
            try await identity.setMembership(tenant: beta.id, user: inBeta.id, role: .owner)
            let visible = try await environment.database.withTenant(alpha.id) { transaction in
                var emails: [String] = []
                for try await email in try await transaction.query("SELECT email FROM identity.users").decode(String.self) { emails.append(email) }
                return emails
            }
            #expect(visible == ["a@alpha.example"])
        }
    }

    @Test func rolesAreOrdered() {
        #expect(Role.viewer < .staff && Role.staff < .admin && Role.admin < .owner)
    }
}
