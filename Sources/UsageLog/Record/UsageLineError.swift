/// Why a usage line could not be read back.
public enum UsageLineError: Error, Sendable, Equatable {
    /// Not valid JSON at the given byte offset of the line.
    case malformed(offset: Int)
    /// Valid JSON, but a required field is missing or has the wrong type.
    case missingField(String)
    /// A schema version this build does not know.
    case unsupportedVersion(Int)
    /// A field whose value is outside its domain (an unknown `inbound`, a bad `ts`).
    case invalidValue(String)
}
