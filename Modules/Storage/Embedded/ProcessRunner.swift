import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs an external program and waits for it to exit, without blocking the concurrency pool.
/// Foundation's `Process` is not used: on Linux it notices a child's exit through a descriptor that daemons started by
/// the child (the postmaster that `pg_ctl start` leaves behind) inherit, so it would wait forever. Here the child gets
/// only stdin (`/dev/null`) and stdout/stderr (a temporary file), every other descriptor closed, and exit is observed with `waitpid` on a thread of its own.
public enum ProcessRunner {
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
    }

    public static func run(_ executable: String, _ arguments: [String]) async throws -> Outcome {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        let pid = try self.spawn(executable, arguments, outputPath: outputPath)
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                continuation.resume(returning: Self.exitCode(status))
            }
            thread.start()
        }
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return Outcome(status: status, output: output)
    }

    /// Runs the program and throws `StorageError.commandFailed` unless it exits with status 0.
    @discardableResult
    public static func check(_ executable: String, _ arguments: [String]) async throws -> String {
        let outcome = try await self.run(executable, arguments)
        guard outcome.status == 0 else {
            throw StorageError.commandFailed(
                command: ([executable] + arguments).joined(separator: " "), status: outcome.status, output: outcome.output)
        }
        return outcome.output
    }

    /// Blocking variant for process-exit handlers, where no async context remains.
    public static func runBlocking(_ executable: String, _ arguments: [String]) {
        guard let pid = try? self.spawn(executable, arguments, outputPath: "/dev/null") else { return }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    private static func spawn(_ executable: String, _ arguments: [String], outputPath: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Nothing else this process has open (sockets, the pool's connections) leaks into the child or the daemons it
        // leaves running.
        if let closeFrom = Self.addCloseFrom {
            _ = closeFrom(&actions, 3)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else {
            throw StorageError.commandFailed(command: executable, status: result, output: String(cString: strerror(result)))
        }
        return pid
    }

    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), looked up at run time because the C headers
    /// declare it only for GNU builds, which Swift's module map is not.
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    private static func exitCode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
