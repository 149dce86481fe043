import Foundation

/// The generated sources' directory: compared for `--check`, written atomically otherwise.
///
/// It holds only compiler output, so a `.swift` file the compiler no longer writes is stale.
struct OutputDirectory {
    let path: String

    /// The file names whose contents differ, are missing, or should no longer exist.
    func differences(from files: [String: String]) throws -> [String] {
        var stale: [String] = []
        for (name, contents) in files.sorted(by: { $0.key < $1.key }) {
            let existing = FileManager.default.contents(atPath: "\(path)/\(name)")
            if existing != Data(contents.utf8) { stale.append(existing == nil ? "\(name) is missing" : "\(name) differs") }
        }
        for name in try swiftFiles() where files[name] == nil {
            stale.append("\(name) is not compiler output")
        }
        return stale
    }

    /// Writes every file whose contents changed (temp file + rename) and removes stale ones;
    /// returns what changed.
    func write(_ files: [String: String]) throws -> [String] {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var changed: [String] = []
        for (name, contents) in files.sorted(by: { $0.key < $1.key }) {
            let destination = "\(path)/\(name)"
            let data = Data(contents.utf8)
            guard FileManager.default.contents(atPath: destination) != data else { continue }
            let temporary = "\(path)/.\(name).tmp"
            try data.write(to: URL(fileURLWithPath: temporary))
            if rename(temporary, destination) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination])
            }
            changed.append(name)
        }
        for name in try swiftFiles() where files[name] == nil {
            try FileManager.default.removeItem(atPath: "\(path)/\(name)")
            changed.append("removed \(name)")
        }
        return changed
    }

    private func swiftFiles() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".swift") }.sorted()
    }
}
