import Glibc

// Fuzz targets for libFuzzer (see fuzz/README.md). AMITY_FUZZ_TARGET chooses one of parse,
// query and load. Built with -DFUZZING, libFuzzer calls the entry point below; built
// normally, the program runs the files named on the command line through the target, which
// is how a crash is reproduced and how CI replays the seed corpus.

func chosenTarget() -> FuzzTarget {
    let name = getenv("AMITY_FUZZ_TARGET").map { String(cString: $0) } ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        fail("amity-fuzz: set AMITY_FUZZ_TARGET to one of: " + FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))
    }
    return target
}

func fail(_ message: String) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    exit(2)
}

#if FUZZING
nonisolated(unsafe) var fuzzTarget: FuzzTarget?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if fuzzTarget == nil { fuzzTarget = chosenTarget() }
    fuzzTarget!.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
@main
struct ReplayInputs {
    static func main() {
        let target = chosenTarget()
        var count = 0
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { fail("amity-fuzz: cannot read \(path)") }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let read = fread(&buffer, 1, buffer.count, file)
                if read <= 0 { break }
                bytes += buffer[..<read]
            }
            fclose(file)
            target.run(bytes)
            count += 1
        }
        print("ran \(count) inputs through \(target.rawValue)")
    }
}
#endif
