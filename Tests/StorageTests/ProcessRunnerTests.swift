import Foundation
import Storage
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProcessRunnerTests {
    @Test func aChildSeesOnlyItsStandardDescriptorsAndItsOutputIsCaptured() async throws {
        // A descriptor opened without close-on-exec, as a library might leave one.
        let inherited = open("/dev/null", O_RDONLY)
        #expect(inherited > 2)
        defer { close(inherited) }
        let listing = try await ProcessRunner.check("/bin/sh", ["-c", "ls /proc/$$/fd"])
        let descriptors = Set(listing.split(whereSeparator: \.isNewline).compactMap { Int32($0) })
        #expect(descriptors.isSuperset(of: [0, 1, 2]))
        #expect(!descriptors.contains(inherited))
    }

    @Test func aFailingCommandReportsItsStatusAndOutput() async throws {
        let error = await #expect(throws: StorageError.self) { try await ProcessRunner.check("/bin/sh", ["-c", "echo broken >&2; exit 3"]) }
        guard case .commandFailed(_, let status, let output) = error else {
            Issue.record("expected commandFailed, got \(String(describing: error))")
            return
        }
        #expect(status == 3)
        #expect(output == "broken\n")
    }
}
