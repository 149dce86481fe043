#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// `print` to a pipe or a file is fully buffered: a command that prints a URL and then waits
/// (login) would show nothing in `| tee`, a container log or CI until it exits. Every command
/// line-buffers stdout first, so each line a person needs is written as it is printed.
enum LineBufferedOutput {
    /// Called once, before anything is printed.
    static func install() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
