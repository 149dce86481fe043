/// The small value languages inside `routes.yaml`: secret references, durations, sizes, hex.
enum ValueSyntax {
    /// `env:NAME` → NAME; nil for anything else.
    static func envName(_ text: String) -> String? {
        guard text.hasPrefix("env:") else { return nil }
        let name = String(text.dropFirst(4))
        return isEnvironmentName(name) ? name : nil
    }

    /// A POSIX-style variable name: letters, digits and `_`, not starting with a digit.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// `250ms`, `10s`, `2m`, `1h`, or a bare number of seconds → milliseconds.
    static func milliseconds(_ text: String) -> Int? {
        // "ms" before "s" and "m": the first suffix that fits decides.
        let units: [(suffix: String, factor: Int)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count).trimmingSpaces
            guard let value = Int(number), value >= 0 else { return nil }
            return value * unit.factor
        }
        if let seconds = Int(text), seconds >= 0 { return seconds * 1000 }
        return nil
    }

    /// `512KiB`, `32MiB`, `1GiB`, `64KB`, `10MB`, or a bare number of bytes.
    static func bytes(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("KB", 1000), ("MB", 1_000_000), ("GB", 1_000_000_000),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            guard let value = Int(text.dropLast(unit.suffix.count).trimmingSpaces), value >= 0 else { return nil }
            return value * unit.factor
        }
        if let value = Int(text), value >= 0 { return value }
        return nil
    }

    /// 64 hex digits → 32 bytes.
    static func sha256Hex(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        var index = 0
        while index < 64 {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
