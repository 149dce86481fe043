import Crypto
import Foundation

/// OAuth accounts on disk under `<data-dir>/auth/`: one AES-GCM sealed file per account, mode
/// 0600, replaced atomically. Files that cannot be read or decrypted are reported and skipped.
public struct TokenStore: Sendable {
    /// A file that was skipped, by name and reason (never its content).
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// Every readable account, and every file that was not.
    public struct Contents: Sendable {
        public let accounts: [AccountRecord]
        public let problems: [Problem]
    }

    public let directory: String
    private let key: SymmetricKey
    private static let magic = Array("CRTK1\n".utf8)

    /// Opens (creating when missing) `<dataDirectory>/auth` and its key.
    public init(dataDirectory: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(OAuthError) {
        directory = dataDirectory + "/auth"
        try AtomicFile.ensureDirectory(directory)
        key = try SecretKeyLoader.load(directory: directory, environment: environment)
    }

    public func path(of id: AccountID) -> String {
        directory + "/" + AccountFileName.make(for: id)
    }

    public func save(_ record: AccountRecord) throws(OAuthError) {
        let name = AccountFileName.make(for: record.id)
        let plain: Data
        do { plain = try TokenStore.encoder.encode(record) } catch {
            throw .store(path: name, reason: "could not encode the account")
        }
        let sealed: Data
        do {
            let box = try AES.GCM.seal(plain, using: key, authenticating: TokenStore.associatedData(for: name))
            guard let combined = box.combined else { throw OAuthError.store(path: name, reason: "no sealed box") }
            sealed = Data(TokenStore.magic) + combined
        } catch {
            throw .store(path: name, reason: "could not encrypt")
        }
        try AtomicFile.replace(directory + "/" + name, with: sealed)
    }

    /// The account, nil when it has no file; throws when the file is unreadable.
    public func load(_ id: AccountID) throws(OAuthError) -> AccountRecord? {
        let name = AccountFileName.make(for: id)
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
        return try open(data, name: name)
    }

    public func loadAll() -> Contents {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var accounts: [AccountRecord] = []
        var problems: [Problem] = []
        for name in names.sorted() where AccountFileName.isAccountFile(name) {
            guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
                problems.append(Problem(file: name, reason: "unreadable"))
                continue
            }
            do throws(OAuthError) {
                accounts.append(try open(data, name: name))
            } catch {
                problems.append(Problem(file: name, reason: "\(error)"))
            }
        }
        return Contents(accounts: accounts, problems: problems)
    }

    /// Removes the account's file; false when there was none.
    @discardableResult
    public func delete(_ id: AccountID) throws(OAuthError) -> Bool {
        let path = path(of: id)
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw .store(path: AccountFileName.make(for: id), reason: "could not delete")
        }
        return true
    }

    private func open(_ data: Data, name: String) throws(OAuthError) -> AccountRecord {
        guard data.count > TokenStore.magic.count, Array(data.prefix(TokenStore.magic.count)) == TokenStore.magic else {
            throw .store(path: name, reason: "not a token file")
        }
        let plain: Data
        do {
            let box = try AES.GCM.SealedBox(combined: data.dropFirst(TokenStore.magic.count))
            plain = try AES.GCM.open(box, using: key, authenticating: TokenStore.associatedData(for: name))
        } catch {
            throw .store(path: name, reason: "cannot be decrypted (corrupted, renamed, or another key)")
        }
        do { return try TokenStore.decoder.decode(AccountRecord.self, from: plain) } catch {
            throw .store(path: name, reason: "decrypted but not an account record")
        }
    }

    /// Binds a sealed file to its name, so that swapping two accounts' files is detected.
    private static func associatedData(for name: String) -> Data {
        Data(("claude-router token v1 " + name).utf8)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
