/// Anthropic server tools are typed `name_YYYYMMDD`; routing rules name them without the date.
enum ServerToolType {
    static func baseName(_ type: String) -> String {
        guard let underscore = type.lastIndex(of: "_") else { return type }
        let suffix = type[type.index(after: underscore)...]
        guard suffix.count == 8, suffix.allSatisfy(\.isASCII), suffix.allSatisfy(\.isNumber) else { return type }
        return String(type[..<underscore])
    }
}
