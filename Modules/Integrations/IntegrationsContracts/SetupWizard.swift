import Foundation

/// Where an instance's initial-setup wizard stands, kept in its `integration_settings` (`setup_step`, `setup_completed`;
/// seed 000 ops 32–33): `connect` and not completed until the frontend says otherwise.
public struct SetupWizard: Sendable, Equatable {
    public static let stepKey = "setup_step"
    public static let completedKey = "setup_completed"
    public static let firstStep = "connect"

    public let step: String
    public let completed: Bool

    public init(integrationSettings: String) {
        let settings = (try? JSONSerialization.jsonObject(with: Data(integrationSettings.utf8))) as? [String: Any]
        self.step = settings?[Self.stepKey] as? String ?? Self.firstStep
        self.completed = settings?[Self.completedKey] as? Bool ?? false
    }
}
