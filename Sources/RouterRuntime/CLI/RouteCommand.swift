import ArgumentParser
import Foundation
import RouteModel

/// `claude-router route`: prints the decision a request would get and why, calling no upstream.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Print the routing decision for a model name and prompt, without calling any upstream."
    )

    @Option(help: "Inbound model name, as a client would send it.") var model: String
    @Option(help: "The user's latest words (keyword rules look at these).") var text = ""
    @Flag(help: "The request carries an image.") var image = false
    @Flag(help: "The request asks for extended thinking.") var thinking = false
    @Option(name: .customLong("tool"), help: "A tool name or server-tool type the request offers (repeatable).") var tools: [String] = []
    @Option(help: "Estimated input tokens of the request.") var inputTokens = 0
    @Option(help: "Seed of the weighted pick, to see other picks.") var seed: UInt64 = 0
    @OptionGroup var data: DataDirOption

    func run() async throws {
        let table = CompiledTable.current
        let features = RequestFeatures(
            latestUserText: SystemReminder.strip(text), hasImage: image, wantsThinking: thinking, toolNames: tools,
            estimatedInputTokens: inputTokens
        )
        let environment = ProcessInfo.processInfo.environment
        var random = SeededRandom(seed: seed)
        let chooser = CredentialAwareChooser(table: table, environment: environment)
        guard let decision = RouteDecider(table: table).decide(model: model, features: features, choose: { _, spec, _ in
            chooser.choose(in: spec, draw: random.next())
        }) else {
            print("no route for model '\(model)': it is not an alias, a combo, provider/model, or matched by a route")
            throw ExitCode(2)
        }
        print(DecisionReport(table: table, environment: environment).lines(for: decision).joined(separator: "\n"))
    }
}

/// SplitMix64: a tiny deterministic generator for reproducible offline picks.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

/// Picks a combo member by weight among the members whose provider has credentials; when none
/// has, among all of them (the request will then fail with a clear "no credentials" answer).
struct CredentialAwareChooser {
    let table: RouteTable
    let environment: [String: String]

    func choose(in combo: ComboSpec, draw: UInt64) -> Int {
        let usable = combo.members.indices.filter { index in
            table.providers[table.targets[combo.members[index].target].provider].hasStaticCredentials(in: environment)
        }
        guard !usable.isEmpty, usable.count < combo.members.count else { return combo.picker.pick(draw: draw) }
        let picker = WeightedPicker(weights: usable.map { combo.members[$0].weight })
        return usable[picker.pick(draw: draw)]
    }
}
