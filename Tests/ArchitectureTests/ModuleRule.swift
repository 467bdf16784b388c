/// The module rule of ARCHITECTURE.md, checked over a manifest:
/// - `Kernel` depends on nothing; `QueryLanguage` on nothing of ours; `Storage` and `Channels` (the provider adapters) on
///   `Kernel` only; `Sandbox` (the providers' simulator) on `Kernel` and `Channels` (it signs what the adapters verify).
/// - A context's `<Context>Contracts` depends on `Kernel` only, and on no outside package.
/// - A context's implementation depends on `Kernel`, `Storage`, `Channels` and `…Contracts` targets only.
/// - Only `App/` links implementations; nothing but tests depends on test support or on `App`.
enum ModuleRule {
    enum Role: Equatable {
        case kernel
        case storage
        case channels
        case sandbox
        case queryLanguage
        case contracts
        case implementation
        case composition
        case testSupport
        case test
    }

    static func role(of target: PackageManifest.Target) -> Role {
        let path = target.path ?? ""
        if target.type == "test" || path.hasPrefix("Tests/") && target.name != "TestSupport" { return .test }
        if target.name == "TestSupport" { return .testSupport }
        if path.hasPrefix("App/") { return .composition }
        switch target.name {
        case "Kernel": return .kernel
        case "Storage": return .storage
        case "Channels": return .channels
        case "Sandbox": return .sandbox
        case "QueryLanguage": return .queryLanguage
        default: return target.name.hasSuffix("Contracts") ? .contracts : .implementation
        }
    }

    /// Every forbidden edge, as `"From -> To: why"`.
    static func violations(in manifest: PackageManifest) -> [String] {
        let roles = Dictionary(uniqueKeysWithValues: manifest.targets.map { ($0.name, Self.role(of: $0)) })
        var violations: [String] = []
        for target in manifest.targets {
            let role = roles[target.name] ?? .implementation
            for dependency in target.dependencies {
                if dependency.isProduct {
                    if role == .kernel || role == .contracts {
                        violations.append(
                            "\(target.name) -> \(dependency.name): \(role == .kernel ? "Kernel" : "a Contracts target") uses no outside package")
                    }
                    continue
                }
                guard let dependencyRole = roles[dependency.name] else { continue }
                if let reason = Self.forbidden(from: role, to: dependencyRole) {
                    violations.append("\(target.name) -> \(dependency.name): \(reason)")
                }
            }
        }
        return violations
    }

    private static func forbidden(from role: Role, to dependency: Role) -> String? {
        switch role {
        case .test:
            return nil
        case .testSupport:
            return dependency == .kernel || dependency == .storage ? nil : "test support sees Kernel and Storage only"
        case .composition:
            return dependency == .test || dependency == .testSupport ? "production code never links test code" : nil
        case .kernel, .queryLanguage:
            return "depends on nothing of ours"
        case .storage, .channels, .contracts:
            return dependency == .kernel ? nil : "may depend on Kernel only"
        case .sandbox:
            return dependency == .kernel || dependency == .channels ? nil : "the Sandbox depends on Kernel and Channels only"
        case .implementation:
            switch dependency {
            case .kernel, .storage, .channels, .contracts: return nil
            default: return "a context reaches other contexts only through their Contracts"
            }
        }
    }
}
