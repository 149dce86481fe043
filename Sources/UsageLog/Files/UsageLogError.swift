/// Failures of the usage log's file operations.
public enum UsageLogError: Error, Sendable, Equatable {
    /// A system call failed: what was attempted, on which path, and `errno`.
    case system(operation: String, path: String, errno: Int32)
}

extension UsageLogError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .system(let operation, let path, let code):
            return "\(operation) \(path): \(String(cString: strerror(code)))"
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
