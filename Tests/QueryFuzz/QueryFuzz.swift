import Dispatch
import Foundation
import QueryFixtures

// Built normally, replays the files named on the command line; built by scripts/fuzz-query with -DFUZZING and
// -sanitize=fuzzer, libFuzzer drives `LLVMFuzzerTestOneInput` and brings its own `main`.

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
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        runBlocking(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable target's entry point under this name; it hands control to libFuzzer's driver.
    @_cdecl("QueryFuzz_main")
    public func queryFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOneInput)
    }
#else
    @main
    struct QueryFuzzReplay {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    exit(2)
                }
                runBlocking(Array(data))
                print("ok \(path)")
            }
        }
    }
#endif
