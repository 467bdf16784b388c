import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files readable by their owner only (secrets, passwords). The content goes to a temporary file created with mode
/// 0600 and is renamed into place, so it is never readable by others, not even for a moment, nor half-written.
public enum PrivateFile {
    public static func write(_ data: Data, to url: URL) throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        guard fileManager.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        guard rename(temporary.path, url.path) == 0 else {
            let failure = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            try? fileManager.removeItem(at: temporary)
            throw failure
        }
    }
}
