import Testing

@Suite struct ModuleRuleTests {
    @Test func thePackageFollowsTheModuleRule() throws {
        let manifest = try PackageManifest.current()
        #expect(manifest.targets.contains { $0.name == "IdentityContracts" })
        #expect(ModuleRule.violations(in: manifest) == [])
    }

    /// The rule must catch a forbidden edge, or the test above proves nothing.
    @Test(arguments: [
        ("Identity", "App", "Identity -> App: a context reaches other contexts only through their Contracts"),
        ("IdentityContracts", "Storage", "IdentityContracts -> Storage: may depend on Kernel only"),
        ("Kernel", "Storage", "Kernel -> Storage: depends on nothing of ours"),
        ("Storage", "IdentityContracts", "Storage -> IdentityContracts: may depend on Kernel only"),
        ("App", "TestSupport", "App -> TestSupport: production code never links test code"),
        ("Channels", "Storage", "Channels -> Storage: may depend on Kernel only"),
        ("Sandbox", "Storage", "Sandbox -> Storage: the Sandbox depends on Kernel and Channels only"),
    ])
    func aForbiddenEdgeIsReported(from: String, to: String, expected: String) throws {
        var manifest = try PackageManifest.current()
        let index = try #require(manifest.targets.firstIndex { $0.name == from })
        let target = manifest.targets[index]
        manifest.targets[index] = .init(
            name: target.name, type: target.type, path: target.path,
            dependencies: target.dependencies + [.init(name: to, isProduct: false)])
        #expect(ModuleRule.violations(in: manifest) == [expected])
    }

    @Test func contractsMayNotPullInOutsidePackages() throws {
        var manifest = try PackageManifest.current()
        let index = try #require(manifest.targets.firstIndex { $0.name == "IdentityContracts" })
        let target = manifest.targets[index]
        manifest.targets[index] = .init(
            name: target.name, type: target.type, path: target.path, dependencies: target.dependencies + [.init(name: "PostgresNIO", isProduct: true)]
        )
        #expect(ModuleRule.violations(in: manifest) == ["IdentityContracts -> PostgresNIO: a Contracts target uses no outside package"])
    }

    @Test func anImplementationMayNotUseAnotherContextsImplementation() {
        let manifest = PackageManifest(targets: [
            .init(name: "Orders", type: "regular", path: "Modules/Orders/Orders", dependencies: [.init(name: "Inventory", isProduct: false)]),
            .init(
                name: "Inventory", type: "regular", path: "Modules/Inventory/Inventory",
                dependencies: [.init(name: "OrdersContracts", isProduct: false)]),
            .init(name: "OrdersContracts", type: "regular", path: "Modules/Orders/OrdersContracts", dependencies: []),
        ])
        #expect(ModuleRule.violations(in: manifest) == ["Orders -> Inventory: a context reaches other contexts only through their Contracts"])
    }
}
