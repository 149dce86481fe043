/// Finds script members the mock does not know (`"delay": 100`, `"tool_call": ...`), so a typo
/// in a test's script fails loudly instead of silently scripting nothing. The known names are
/// the models' own coding keys.
enum ScriptValidator {
    /// The paths of unknown members in the `steps` list, e.g. `steps[0].reply.tool_call`.
    static func unknownMembers(inSteps steps: JSONValue) -> [String] {
        var found: [String] = []
        check(steps, against: .list(.step), path: "steps", into: &found)
        return found
    }

    /// What a part of a script may hold.
    private indirect enum Shape: Sendable {
        /// Anything: values, free-form maps such as headers and tool inputs.
        case any
        /// An object with these members.
        case object([String: Shape])
        case list(Shape)
        /// A script step (steps nest inside `random.failures`).
        case step
    }

    private static func members<Key: CodingKey & CaseIterable>(_: Key.Type, _ nested: [String: Shape] = [:]) -> Shape {
        var shapes: [String: Shape] = [:]
        for key in Key.allCases {
            shapes[key.stringValue] = nested[key.stringValue] ?? .any
        }
        return .object(shapes)
    }

    private static let errorShape = members(ScriptedError.CodingKeys.self)

    private static let stepShape: Shape = members(ScriptStep.CodingKeys.self, [
        "match": members(StepMatch.CodingKeys.self),
        "error": errorShape,
        "raw": members(RawResponse.CodingKeys.self),
        "reply": members(ScriptedReply.CodingKeys.self, [
            "tool_calls": .list(members(ScriptedToolCall.CodingKeys.self)),
            "usage": members(ScriptedUsage.CodingKeys.self),
        ]),
        "stream": members(StreamOptions.CodingKeys.self, ["error_first": errorShape]),
        "random": members(RandomFailures.CodingKeys.self, ["failures": .list(.step)]),
    ])

    private static func check(_ value: JSONValue, against shape: Shape, path: String, into found: inout [String]) {
        switch (shape, value) {
        case (.step, _):
            check(value, against: stepShape, path: path, into: &found)
        case (.list(let element), .array(let items)):
            for (index, item) in items.enumerated() {
                check(item, against: element, path: "\(path)[\(index)]", into: &found)
            }
        case (.object(let known), .object(let members)):
            for name in members.keys.sorted() {
                guard let memberShape = known[name], let member = members[name] else {
                    found.append("\(path).\(name)")
                    continue
                }
                check(member, against: memberShape, path: "\(path).\(name)", into: &found)
            }
        default:
            // Wrong types are for the decoder to report.
            break
        }
    }
}
