import ArgumentParser
import Foundation
import IdentityContracts
import Kernel

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage a tenant's machine tokens (ERP and import API keys), or mint an admin JWT.",
        subcommands: [Create.self, List.self, Revoke.self, AdminJWT.self])

    struct TenantOption: ParsableArguments {
        @Option(name: .long, help: "The tenant's orgid (UUID).")
        var tenant: String

        func id() throws -> TenantID {
            guard let id = TenantID(uuidString: self.tenant) else { throw ValidationError("--tenant must be an orgid (UUID)") }
            return id
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a token; its secret is printed once and never stored.")

        @OptionGroup var tenant: TenantOption
        @Option(help: "A name that says what uses the token.") var name: String
        @Option(name: .customLong("scope"), help: "A scope (repeatable): \(TokenScope.allCases.map(\.rawValue).joined(separator: ", ")).")
        var scopes: [String]

        func run() async throws {
            let environment = try CommandEnvironment.load(label: "token")
            let tenant = try self.tenant.id()
            let issued = try await environment.withServices { services in
                try await services.identity.issueToken(tenant: tenant, name: self.name, scopes: self.scopes, createdBy: "cli")
            }
            print("Token \(issued.token.id) (\(issued.token.scopes.map(\.rawValue).joined(separator: " "))):")
            print(issued.secret)
            print("Store it now: it cannot be shown again.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a tenant's tokens (never their secrets).")

        @OptionGroup var tenant: TenantOption

        func run() async throws {
            let environment = try CommandEnvironment.load(label: "token")
            let tenant = try self.tenant.id()
            let tokens = try await environment.withServices { services in try await services.identity.tokens(tenant: tenant) }
            for token in tokens {
                let state = token.revokedAt.map { "revoked \(ISO8601.string(from: $0))" } ?? "active"
                let used = token.lastUsedAt.map { ISO8601.string(from: $0) } ?? "never"
                print(
                    "\(token.id)  \(token.displayPrefix)…  \(token.name)  [\(token.scopes.map(\.rawValue).joined(separator: " "))]  \(state)  last used \(used)"
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token; it stops working at once.")

        @OptionGroup var tenant: TenantOption
        @Option(help: "The token's id.") var id: String

        func run() async throws {
            let environment = try CommandEnvironment.load(label: "token")
            let tenant = try self.tenant.id()
            guard let id = MachineTokenID(uuidString: self.id) else { throw ValidationError("--id must be a token id (UUID)") }
            let token = try await environment.withServices { services in
                try await services.identity.revokeToken(id, tenant: tenant, revokedBy: "cli")
            }
            print("Revoked \(token.name) (\(token.id)).")
        }
    }

    struct AdminJWT: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "jwt", abstract: "Mint an admin JWT for a member of the tenant.")

        @OptionGroup var tenant: TenantOption
        @Option(help: "The user's e-mail address.") var email: String

        func run() async throws {
            let environment = try CommandEnvironment.load(label: "token")
            let tenant = try self.tenant.id()
            let jwt = try await environment.withServices { services in
                guard let user = try await services.identity.user(email: self.email) else {
                    throw ValidationError("no user has e-mail \(self.email)")
                }
                _ = try await services.identity.authenticateUser(user.id, in: tenant)
                return try await services.adminTokens.sign(user: user.id)
            }
            print(jwt)
        }
    }
}
