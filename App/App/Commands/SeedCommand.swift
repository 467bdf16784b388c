import ArgumentParser
import Foundation
import IdentityContracts

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Load a demo tenant from a data file in seeds/ (idempotent).")

    @Argument(help: "The seed file, e.g. seeds/demo.json.")
    var file: String

    func run() async throws {
        let environment = try CommandEnvironment.load(label: "seed")
        let seed = try SeedFile.load(URL(fileURLWithPath: self.file))
        let tenant = try await environment.withServices { services in
            try await SeedLoader(identity: services.identity, inventory: services.inventory, catalog: services.catalog).apply(seed)
        }
        print("Seeded tenant \(tenant.name) (orgid \(tenant.id)).")
    }
}
