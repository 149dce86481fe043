import ArgumentParser
import Foundation
import RouteCompiler

/// `route-compiler diff`: what a routes edit does to routing, in words a reviewer checks.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print what the routes change does: names resolving elsewhere, shares, rules, fallbacks, providers, clients, limits.",
        discussion: """
            Compares the working files (--routes, --catalog, which default to routes/) with a base: the same files at a git \
            revision (--base, default HEAD) or another routes file (--base-file, compiled with \
            --base-catalog-file or the current catalog). Prints "no routing change" when only \
            comments or formatting differ. Exits 0 when both sides compile, 1 otherwise.
            """
    )

    @Option(help: "The git revision whose routes and catalog are the base (read with `git show`).") var base: String?
    @Option(help: "A routes file to use as the base instead of a git revision.") var baseFile: String?
    @Option(help: "The catalog for --base-file (default: the current --catalog).") var baseCatalogFile: String?
    /// `--routes` and `--catalog` (the files after the change) are the compiler's own options.
    @ParentCommand var compiler: RouteCompilerCommand
    @Option(help: "words (plain text) or markdown (for a pull-request comment).") var format: Format = .words

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case words, markdown
    }

    func validate() throws {
        if base != nil, baseFile != nil { throw ValidationError("pass --base or --base-file, not both") }
        if baseCatalogFile != nil, baseFile == nil { throw ValidationError("--base-catalog-file goes with --base-file") }
    }

    private var routes: String { compiler.routes }
    private var catalog: String { compiler.catalog }

    func run() throws {
        let (oldRoutes, oldCatalog, baseName) = try baseInputs()
        let old = try compiled(routes: oldRoutes, catalog: oldCatalog)
        let new = try compiled(routes: try InputFile.read(routes), catalog: try InputFile.read(catalog))
        let changes = RoutingDiff.between(old: old, new: new)
        switch format {
        case .words:
            print("route-compiler diff: \(baseName) → working tree (\(routes), \(catalog))")
            print(RoutingDiff.words(changes), terminator: "")
        case .markdown:
            print(RoutingDiff.markdown(changes, title: "Routing changes against \(baseName)"), terminator: "")
        }
    }

    /// The base side's routes and catalog, and how to name the base in the heading.
    private func baseInputs() throws -> (SourceFile, SourceFile, String) {
        if let baseFile {
            let catalogPath = baseCatalogFile ?? catalog
            return (try InputFile.read(baseFile), try InputFile.read(catalogPath), baseFile)
        }
        let revision = base ?? "HEAD"
        return (
            try GitRevisionFile.read(revision: revision, path: routes),
            try GitRevisionFile.read(revision: revision, path: catalog),
            revision
        )
    }

    /// A side's table; a side that does not compile prints its diagnostics and fails the command.
    private func compiled(routes: SourceFile, catalog: SourceFile) throws -> ResolvedTable {
        let result = RouteTableCompiler.compile(routes: routes, catalog: catalog)
        guard let table = result.table, !result.hasErrors else {
            for diagnostic in result.diagnostics where diagnostic.severity == .error {
                FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
            }
            FileHandle.standardError.write(Data("route-compiler diff: \(routes.path) does not compile\n".utf8))
            throw ExitCode(1)
        }
        return table
    }
}
