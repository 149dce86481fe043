import Foundation

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init(_ label: String = "usage") throws {
        path = NSTemporaryDirectory() + "usage-log-tests-\(label)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// The non-empty lines of a file, as raw bytes.
    func lines(of name: String) throws -> [[UInt8]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: file(name)))
        return [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: true).map(Array.init)
    }
}
