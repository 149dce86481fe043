/// The file name of an account in the store: `<provider>~<account>.token`, with every byte
/// outside `[A-Za-z0-9_-]` percent-encoded so that no name can escape the directory.
enum AccountFileName {
    static let suffix = ".token"

    static func make(for id: AccountID) -> String {
        escape(id.provider) + "~" + escape(id.account) + suffix
    }

    static func isAccountFile(_ name: String) -> Bool {
        name.hasSuffix(suffix) && !name.hasPrefix(".")
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
