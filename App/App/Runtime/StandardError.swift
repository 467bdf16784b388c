import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Raw writes to file descriptor 2 that never trap: Foundation's `FileHandle.write` crashes the process when the write
/// fails.
enum StandardError {
    private static let lock = Mutex(())

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        self.lock.withLock { _ in
            bytes.withUnsafeMutableBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        return
                    }
                }
            }
        }
    }
}
