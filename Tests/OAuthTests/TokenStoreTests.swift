import Foundation
import OAuth
import XCTest

final class TokenStoreTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("token-store-" + UUID().uuidString).path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Whole seconds: the store keeps dates as seconds since 1970, which a sub-second `Date`
    /// does not survive bit for bit.
    private let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))

    private func record(_ account: String = "default", access: String = "fa_at_PLAINTEXT_ACCESS_1234", refresh: String = "fa_rt_PLAINTEXT_REFRESH_5678") -> AccountRecord {
        AccountRecord(
            provider: "qwen", account: account,
            tokens: TokenSet(accessToken: SecretValue(access), refreshToken: SecretValue(refresh), expiresAt: now.addingTimeInterval(100), issuedAt: now, resourceURL: "portal.qwen.ai"),
            updatedAt: now
        )
    }

    private func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testFilesAreOwnerOnlyAndHoldNoPlaintextToken() throws {
        let store = try TokenStore(dataDirectory: directory, environment: [:])
        let saved = record()
        try store.save(saved)
        let path = store.path(of: saved.id)
        XCTAssertEqual(try mode(path), 0o600)
        XCTAssertEqual(try mode(store.directory + "/secret.key"), 0o600)
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))
        for needle in ["fa_at_PLAINTEXT_ACCESS_1234", "fa_rt_PLAINTEXT_REFRESH_5678", "PLAINTEXT", "portal.qwen.ai", "access"] {
            XCTAssertNil(bytes.range(of: Data(needle.utf8)), "file contains \(needle)")
        }
        // No temporary file is left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: store.directory)
        XCTAssertEqual(names.sorted(), ["qwen~default.token", "secret.key"])
        XCTAssertEqual(try store.load(saved.id), saved)
    }

    func testAReopenedStoreReadsWithTheGeneratedKey() throws {
        try TokenStore(dataDirectory: directory, environment: [:]).save(record("a"))
        let reopened = try TokenStore(dataDirectory: directory, environment: [:])
        let contents = reopened.loadAll()
        XCTAssertEqual(contents.accounts.map(\.account), ["a"])
        XCTAssertEqual(contents.problems, [])
    }

    func testCorruptedAndForeignFilesAreReportedAndSkipped() throws {
        let store = try TokenStore(dataDirectory: directory, environment: [:])
        try store.save(record("good"))
        try store.save(record("flipped"))
        let flippedPath = store.path(of: AccountID(provider: "qwen", account: "flipped"))
        var bytes = try XCTUnwrap(FileManager.default.contents(atPath: flippedPath))
        bytes[bytes.count - 3] ^= 0x5A
        try bytes.write(to: URL(fileURLWithPath: flippedPath))
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: store.directory + "/junk~x.token"))
        // A file sealed under another key.
        let otherKey = String(repeating: "ab", count: 32)
        let foreignDirectory = directory + "-foreign"
        defer { try? FileManager.default.removeItem(atPath: foreignDirectory) }
        let foreign = try TokenStore(dataDirectory: foreignDirectory, environment: ["ROUTER_SECRET_KEY": otherKey])
        try foreign.save(record("foreign"))
        try FileManager.default.copyItem(atPath: foreign.path(of: AccountID(provider: "qwen", account: "foreign")), toPath: store.path(of: AccountID(provider: "qwen", account: "foreign")))

        let contents = store.loadAll()
        XCTAssertEqual(contents.accounts.map(\.account), ["good"])
        XCTAssertEqual(Set(contents.problems.map(\.file)), ["qwen~flipped.token", "junk~x.token", "qwen~foreign.token"])
        for problem in contents.problems { XCTAssertFalse(problem.description.contains("PLAINTEXT")) }
        XCTAssertThrowsError(try store.load(AccountID(provider: "qwen", account: "flipped")))
    }

    func testEnvironmentKeyInHexOrBase64AndBadKeysRejected() throws {
        let hex = String(repeating: "0f", count: 32)
        let base64 = Data(repeating: 0x0F, count: 32).base64EncodedString()
        try TokenStore(dataDirectory: directory, environment: ["ROUTER_SECRET_KEY": hex]).save(record())
        // The same 32 bytes, spelled in base64, open the file; no key file was generated.
        let contents = try TokenStore(dataDirectory: directory, environment: ["ROUTER_SECRET_KEY": base64]).loadAll()
        XCTAssertEqual(contents.accounts.count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory + "/auth/secret.key"))
        XCTAssertThrowsError(try TokenStore(dataDirectory: directory, environment: ["ROUTER_SECRET_KEY": "too-short"])) { error in
            guard case OAuthError.invalidSecretKey = error else { return XCTFail("\(error)") }
        }
    }

    func testNamesCannotEscapeTheDirectoryAndDeleteRemoves() throws {
        let store = try TokenStore(dataDirectory: directory, environment: [:])
        let sneaky = AccountRecord(provider: "../../etc", account: "a/b", tokens: record().tokens, updatedAt: now)
        try store.save(sneaky)
        XCTAssertTrue(store.path(of: sneaky.id).hasPrefix(store.directory + "/"))
        XCTAssertFalse(store.path(of: sneaky.id).dropFirst(store.directory.count + 1).contains("/"))
        XCTAssertEqual(try store.load(sneaky.id), sneaky)
        XCTAssertTrue(try store.delete(sneaky.id))
        XCTAssertFalse(try store.delete(sneaky.id))
        XCTAssertNil(try store.load(sneaky.id))
    }

    func testDescriptionsRedactTokens() {
        let text = "\(record())" + String(reflecting: record())
        XCTAssertFalse(text.contains("PLAINTEXT"), text)
    }
}
