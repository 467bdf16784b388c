import Foundation
import Testing

/// Polls `condition` until it holds or `seconds` pass; records an issue (and returns false) on time-out.
@discardableResult
public func eventually(
    within seconds: Double = 60, _ what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: @Sendable () async throws -> Bool
) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(25))
    }
    Issue.record("timed out waiting for: \(what)", sourceLocation: sourceLocation)
    return false
}
