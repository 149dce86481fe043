import Yams

/// An input file's name (as reported in diagnostics) and text.
public struct SourceFile: Sendable {
    public let path: String
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// Parses YAML into a node tree, turning syntax errors into positioned diagnostics.
enum YAMLLoader {
    static func load(_ file: SourceFile, diagnostics: inout DiagnosticBag) -> Node? {
        do {
            guard let root = try Yams.compose(yaml: file.text) else {
                diagnostics.error(SourceLocation(file: file.path, line: 1, column: 1), "the file is empty")
                return nil
            }
            return root
        } catch let error as YamlError {
            let (mark, problem) = describe(error)
            diagnostics.error(
                SourceLocation(file: file.path, line: max(mark?.line ?? 1, 1), column: max(mark?.column ?? 1, 1)),
                problem
            )
            return nil
        } catch {
            diagnostics.error(SourceLocation(file: file.path, line: 1, column: 1), "cannot parse YAML: \(error)")
            return nil
        }
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return (mark, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return (context.mark, "duplicate name \(names): each key may appear once in a mapping")
        case .reader(let problem, _, _, _):
            return (nil, "cannot read YAML: \(problem)")
        default:
            return (nil, "invalid YAML: \(error)")
        }
    }
}
