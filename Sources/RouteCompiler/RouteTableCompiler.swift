import Crypto
import Foundation
import RouteModel

/// The route compiler: `routes.yaml` plus the provider catalog → a resolved table → Swift source.
///
/// Each stage is a layer of its own: ``YAMLLoader`` (text → nodes), the decoders (nodes → typed
/// config with positions), ``Resolver`` (names → indexes, validation), ``SwiftRenderer``
/// (table → source). Every problem of a run is reported at once.
public enum RouteTableCompiler {
    /// Bumped when the generated code's shape changes, so `--check` notices a compiler upgrade.
    public static let outputVersion = "1"

    /// What one run produced: diagnostics, and the table and sources when there were no errors.
    public struct Result: Sendable {
        public let diagnostics: [Diagnostic]
        public let table: ResolvedTable?
        /// File name → contents, for the output directory; empty when there were errors.
        public let files: [String: String]

        public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    }

    public static func compile(routes: SourceFile, catalog: SourceFile?) -> Result {
        var diagnostics = DiagnosticBag()
        var catalogConfig = CatalogConfig()
        if let catalog, let root = YAMLLoader.load(catalog, diagnostics: &diagnostics) {
            var reader = YAMLReader(file: catalog.path, diagnostics: diagnostics)
            catalogConfig = CatalogDecoder.decode(root, reader: &reader)
            diagnostics = reader.diagnostics
        }
        guard let root = YAMLLoader.load(routes, diagnostics: &diagnostics) else {
            return Result(diagnostics: diagnostics.sorted, table: nil, files: [:])
        }
        var reader = YAMLReader(file: routes.path, diagnostics: diagnostics)
        let config = RoutesDecoder.decode(root, reader: &reader)
        diagnostics = reader.diagnostics

        let sources = [catalog, routes].compactMap { $0 }
        let table = Resolver(catalog: catalogConfig, config: config).resolve(
            inputsSHA256: inputsDigest(sources), sources: sources.map(\.path), diagnostics: &diagnostics
        )
        guard !diagnostics.hasErrors else {
            return Result(diagnostics: diagnostics.sorted, table: nil, files: [:])
        }
        let source = SwiftRenderer(table: table).render()
        return Result(diagnostics: diagnostics.sorted, table: table, files: [SwiftRenderer.fileName: source])
    }

    /// Compiles YAML text in process into a live table (dictionary lookups instead of generated
    /// switches), for tests; throws ``CompileError`` listing every error.
    public static func compileTable(routesYAML: String, catalogYAML: String? = nil) throws -> RouteTable {
        let result = compile(
            routes: SourceFile(path: "routes.yaml", text: routesYAML),
            catalog: catalogYAML.map { SourceFile(path: "catalog.yaml", text: $0) }
        )
        guard let table = result.table else { throw CompileError(diagnostics: result.diagnostics) }
        return table.makeRouteTable()
    }

    /// SHA-256 over the compiler's output version and every input's name and bytes.
    static func inputsDigest(_ sources: [SourceFile]) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("route-compiler output \(outputVersion)\n".utf8))
        for source in sources {
            hasher.update(data: Array("\(source.path)\n\(source.text.utf8.count)\n".utf8))
            hasher.update(data: Array(source.text.utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

/// A compile that failed; its description lists every error, one per line.
public struct CompileError: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public var description: String {
        diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
    }
}

/// `RouteCompiler.compileTable(routesYAML:)`: compiles YAML text in process into a live table;
/// see ``RouteTableCompiler/compileTable(routesYAML:catalogYAML:)``.
public func compileTable(routesYAML: String, catalogYAML: String? = nil) throws -> RouteTable {
    try RouteTableCompiler.compileTable(routesYAML: routesYAML, catalogYAML: catalogYAML)
}
