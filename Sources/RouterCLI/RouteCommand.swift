import ArgumentParser
import Foundation
import RouteModel
import RouterRuntime
import Translators

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
    @Option(help: "Which request after start to show (the weighted pick rotates by smooth weighted round-robin, as in the server).")
    var request = 1
    @OptionGroup var data: DataDirOption

    func run() async throws {
        let table = CompiledTable.current
        let features = RequestFeatures(
            latestUserText: ReminderStripping.strip(text), hasImage: image, wantsThinking: thinking, toolNames: tools,
            estimatedInputTokens: inputTokens
        )
        let environment = ProcessInfo.processInfo.environment
        // The server's own selector, fresh as at start: request N gets exactly this pick while
        // nothing is cooling down. Members whose provider lacks credentials are passed over.
        let selector = MemberSelector(table: table)
        let decider = RouteDecider(table: table)
        var decision: RouteDecision?
        for _ in 0..<max(1, request) {
            decision = decider.decide(model: model, features: features) { combo, spec, _ in
                selector.choose(combo: combo, spec: spec, sessionID: nil) { member in
                    let target = table.targets[spec.members[member].target]
                    let provider = table.providers[target.provider]
                    guard !image || VisionFilter.canSeeImages(target, in: table) else { return false }
                    return provider.auth == .oauth || provider.hasStaticCredentials(in: environment)
                }
            }
        }
        guard let decision else {
            print("no route for model '\(model)': it is not an alias, a combo, provider/model, or matched by a route")
            throw ExitCode(2)
        }
        print(DecisionExplanation(table: table, environment: environment).lines(for: decision, hasImage: image).joined(separator: "\n"))
    }
}
