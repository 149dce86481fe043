import RouteModel

/// Providers and their models, field by field. A provider's preset fields come from
/// `catalog.yaml`, so a catalog edit shows here under the providers that use the preset.
enum ProvidersDiff {
    /// Models listed in full when a provider is added; longer lists are counted.
    static let listedModels = 10

    static func compare(_ before: [String: ProviderSpec], _ after: [String: ProviderSpec], into changes: inout ChangeList) {
        for name in before.keys.sorted() where after[name] == nil {
            changes.add(.providers, .removed, name, "provider \(code(name)) removed")
        }
        for (name, provider) in after.sorted(by: { $0.key < $1.key }) where before[name] == nil {
            changes.add(.providers, .added, name, "provider \(code(name)) added: \(describe(provider))")
        }
        for (name, old) in before.sorted(by: { $0.key < $1.key }) {
            guard let new = after[name] else { continue }
            let subject = "provider \(code(name))" + (new.preset.map { " (preset \(code($0)))" } ?? "")
            for difference in differences(old, new) {
                changes.add(.providers, .changed, name, "\(subject): \(difference)")
            }
            compareModels(name, subject, old.models, new.models, into: &changes)
        }
    }

    private static func describe(_ provider: ProviderSpec) -> String {
        var parts = ["\(provider.wireProtocol.rawValue) at \(provider.baseURL)"]
        if let preset = provider.preset { parts.append("preset \(code(preset))") }
        parts.append("auth \(provider.auth.rawValue)")
        if !provider.keyEnv.isEmpty { parts.append("keys from \(provider.keyEnv.joined(separator: ", "))") }
        let ids = provider.models.map(\.id)
        if ids.count > listedModels {
            parts.append("\(ids.count) models (\(DiffWording.codes(Array(ids.prefix(listedModels)))), …)")
        } else if !ids.isEmpty {
            parts.append("models \(DiffWording.codes(ids))")
        }
        return parts.joined(separator: ", ")
    }

    /// Every field that routes or shapes requests differently, in words. Header values are
    /// left out (only names), and keys are variable names, never values.
    private static func differences(_ old: ProviderSpec, _ new: ProviderSpec) -> [String] {
        var out: [String] = []
        func field(_ label: String, _ before: String, _ after: String) {
            if before != after { out.append("\(label) \(DiffWording.change(before, after))") }
        }
        field("preset", old.preset ?? "none", new.preset ?? "none")
        field("protocol", old.wireProtocol.rawValue, new.wireProtocol.rawValue)
        field("base URL", old.baseURL, new.baseURL)
        field("auth", old.auth.rawValue, new.auth.rawValue)
        field("key variables", names(old.keyEnv), names(new.keyEnv))
        field("max concurrency", DiffWording.limit(old.maxConcurrency), DiffWording.limit(new.maxConcurrency))
        let (flagsAdded, flagsRemoved) = DiffWording.addedAndRemoved(old.quirks.setFlagNames, new.quirks.setFlagNames)
        if !flagsAdded.isEmpty { out.append("quirks added: \(flagsAdded.joined(separator: ", "))") }
        if !flagsRemoved.isEmpty { out.append("quirks removed: \(flagsRemoved.joined(separator: ", "))") }
        field("thinking switch", old.quirks.thinkingSwitch.rawValue, new.quirks.thinkingSwitch.rawValue)
        field("rejected betas", names(old.quirks.rejectedBetas), names(new.quirks.rejectedBetas))
        field("headers", names(old.headers.map(\.name)), names(new.headers.map(\.name)))
        if old.headers != new.headers, old.headers.map(\.name) == new.headers.map(\.name) {
            out.append("header values changed (\(old.headers.map(\.name).joined(separator: ", ")))")
        }
        field("OAuth", oauth(old.oauth), oauth(new.oauth))
        return out
    }

    private static func compareModels(
        _ name: String, _ subject: String, _ before: [ModelInfo], _ after: [ModelInfo], into changes: inout ChangeList
    ) {
        let (added, removed) = DiffWording.addedAndRemoved(before.map(\.id), after.map(\.id))
        if !added.isEmpty { changes.add(.providers, .added, name, "\(subject): models added: \(DiffWording.codes(added))") }
        if !removed.isEmpty { changes.add(.providers, .removed, name, "\(subject): models removed: \(DiffWording.codes(removed))") }
        let old = Dictionary(before.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for model in after {
            guard let was = old[model.id] else { continue }
            if was.maxOutputTokens != model.maxOutputTokens {
                changes.add(.providers, .changed, name, "\(subject): max output tokens of \(code(model.id)) \(DiffWording.change(DiffWording.limit(was.maxOutputTokens), DiffWording.limit(model.maxOutputTokens)))")
            }
            if was.vision != model.vision {
                changes.add(.providers, .changed, name, "\(subject): \(code(model.id)) \(model.vision ? "now reads images" : "no longer reads images (vision: false)")")
            }
            if was.price != model.price {
                changes.add(.providers, .changed, name, "\(subject): price of \(code(model.id)) (USD per million tokens) \(DiffWording.change(price(was.price), price(model.price)))")
            }
        }
    }

    /// Base rates in USD per million tokens; tiers and peak hours are named, not spelled out.
    private static func price(_ price: ModelPrice?) -> String {
        guard let price else { return "none" }
        func perMillion(_ picodollarsPerToken: Int64) -> String {
            USDAmount(picodollars: picodollarsPerToken.multipliedReportingOverflow(by: 1_000_000).partialValue).decimalString
        }
        let base = price.base
        var text = "input \(perMillion(base.input)), output \(perMillion(base.output)), cache read \(perMillion(base.cacheRead)), cache write \(perMillion(base.cacheWrite))"
        if let reasoning = base.reasoning { text += ", reasoning \(perMillion(reasoning))" }
        if !price.tiers.isEmpty { text += ", \(price.tiers.count) input-length tier\(price.tiers.count == 1 ? "" : "s")" }
        if price.peak != nil { text += ", peak-hour rates" }
        return text
    }

    private static func names(_ list: [String]) -> String { list.isEmpty ? "none" : list.joined(separator: ", ") }

    /// The OAuth settings a reviewer checks: flow, endpoints, client id, scopes (never a secret).
    private static func oauth(_ spec: OAuthSpec?) -> String {
        guard let spec else { return "none" }
        var parts = [spec.flow.rawValue, "token \(spec.tokenURL)", "client \(spec.clientID)"]
        if let device = spec.deviceURL { parts.append("device \(device)") }
        if let authorize = spec.authorizeURL { parts.append("authorize \(authorize)") }
        if let secret = spec.clientSecretEnv { parts.append("secret from \(secret)") }
        parts.append("scopes \(spec.scopes.joined(separator: " "))")
        parts.append(spec.pkce ? "pkce" : "no pkce")
        return parts.joined(separator: ", ")
    }

    private static func code(_ name: String) -> String { DiffWording.code(name) }
}
