import Yams

/// Decodes `clients:`, a list of callers identified by the SHA-256 of their key.
enum ClientsDecoder {
    static let clientKeys = ["name", "key_sha256", "rpm", "tpm", "max_concurrent", "models", "admin", "budget"]

    static func decode(_ node: Node, reader: inout YAMLReader) -> [ClientConfig] {
        guard let items = reader.sequence(node, "clients") else { return [] }
        return items.compactMap { client($0, reader: &reader) }
    }

    static func client(_ node: Node, reader: inout YAMLReader) -> ClientConfig? {
        if let entries = reader.mapping(node, "a client"), entries.contains(where: { $0.key.value == "key" || $0.key.value == "api_key" }) {
            reader.error(
                node,
                "a client names its key by hash only: replace `key:` with key_sha256: the output of `printf %s 'THE-KEY' | sha256sum`"
            )
            return nil
        }
        guard let record = reader.record(node, "a client", allowed: clientKeys) else { return nil }
        guard let nameEntry = record["name"], let name = reader.name(nameEntry.value, "name of a client") else {
            reader.error(node, "a client needs name:")
            return nil
        }
        let owner = "client '\(name.value)'"
        guard let hashEntry = record["key_sha256"] else {
            reader.error(node, "\(owner) needs key_sha256: (64 hex digits, `printf %s 'THE-KEY' | sha256sum`)")
            return nil
        }
        guard let hashText = reader.name(hashEntry.value, "key_sha256 of \(owner)") else { return nil }
        guard let hash = ValueSyntax.sha256Hex(hashText.value) else {
            reader.error(hashEntry.value, "key_sha256 of \(owner) must be 64 hex digits (a SHA-256), not the key itself")
            return nil
        }
        var client = ClientConfig(name: name, keySHA256: Located(hash, at: hashText.location))
        client.rpm = positive(record["rpm"], "rpm of \(owner)", reader: &reader)
        client.tpm = positive(record["tpm"], "tpm of \(owner)", reader: &reader)
        client.maxConcurrent = positive(record["max_concurrent"], "max_concurrent of \(owner)", reader: &reader)
        client.models = record["models"].flatMap { reader.strings($0.value, "models of \(owner)") }
        client.admin = record["admin"].flatMap { reader.bool($0.value, "admin of \(owner)") }
        client.budget = record["budget"].flatMap { BudgetDecoder.decode($0.value, what: "budget of \(owner)", reader: &reader) }
        return client
    }

    private static func positive(_ entry: YAMLReader.Entry?, _ what: String, reader: inout YAMLReader) -> Located<Int>? {
        guard let entry, let value = reader.int(entry.value, what) else { return nil }
        guard value.value > 0 else {
            reader.error(entry.value, "\(what) must be at least 1 (leave it out for no limit)")
            return nil
        }
        return value
    }
}
