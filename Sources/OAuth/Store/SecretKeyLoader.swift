import Crypto
import Foundation

/// The token store's AES-256 key: `ROUTER_SECRET_KEY` (64 hex digits or base64 of 32 bytes), else
/// a key file generated once beside the token files (mode 0600).
enum SecretKeyLoader {
    static let environmentName = "ROUTER_SECRET_KEY"
    static let fileName = "secret.key"

    static func load(directory: String, environment: [String: String]) throws(OAuthError) -> SymmetricKey {
        if let text = environment[environmentName], !text.isEmpty {
            return try parse(text, origin: environmentName)
        }
        let path = directory + "/" + fileName
        if let existing = FileManager.default.contents(atPath: path) {
            return try parse(String(decoding: existing, as: UTF8.self), origin: path)
        }
        let fresh = SymmetricKey(size: .bits256)
        let text = fresh.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        // Two processes (the router and a `login`) may race here: the first link wins, the
        // other reads the winner's key.
        if try AtomicFile.createExclusively(Data(text.utf8), at: path) { return fresh }
        guard let winner = FileManager.default.contents(atPath: path) else {
            throw .store(path: path, reason: "key file vanished")
        }
        return try parse(String(decoding: winner, as: UTF8.self), origin: path)
    }

    static func parse(_ raw: String, origin: String) throws(OAuthError) -> SymmetricKey {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count == 64, let bytes = hexBytes(text) { return SymmetricKey(data: bytes) }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), data.count == 32 else {
            throw .invalidSecretKey(reason: "\(origin) must hold 32 bytes as 64 hex digits or base64")
        }
        return SymmetricKey(data: data)
    }

    private static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = hexValue(high), let l = hexValue(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes.count == 32 ? bytes : nil
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
