import Dispatch
import Foundation
import QueryFixtures

// Built normally, replays the files named on the command line; built by scripts/fuzz-query with -DFUZZING and
// -sanitize=fuzzer, libFuzzer drives `LLVMFuzzerTestOneInput`.

/// Runs one input to completion on a background task; libFuzzer's callback is synchronous.
func runBlocking(_ bytes: [UInt8]) {
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        _ = await FuzzEntry.run(bytes)
        done.signal()
    }
    done.wait()
}

#if FUZZING
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        runBlocking(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }
#else
    for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
            FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
            exit(2)
        }
        runBlocking(Array(data))
        print("ok \(path)")
    }
#endif
