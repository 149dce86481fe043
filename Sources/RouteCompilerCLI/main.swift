import ArgumentParser
import Foundation
import RouteCompiler

/// `route-compiler`: compiles `routes/routes.yaml` and the provider catalog into `generated/`.
struct RouteCompilerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route-compiler",
        abstract: "Compile routes.yaml and the provider catalog into the Swift routing table under generated/.",
        subcommands: [DiffCommand.self]
    )

    @Option(help: "The routes file.") var routes = "routes/routes.yaml"
    @Option(help: "The provider catalog.") var catalog = "routes/catalog.yaml"
    @Option(help: "Directory the Swift source is written to.") var output = "generated"
    @Flag(help: "Write nothing; exit 1 when the output directory does not match the inputs.") var check = false
    @Flag(help: "Print only errors and warnings.") var quiet = false

    func run() throws {
        let routesFile = try InputFile.read(routes)
        let catalogFile = try InputFile.read(catalog)
        let result = RouteTableCompiler.compile(routes: routesFile, catalog: catalogFile)
        for diagnostic in result.diagnostics {
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }
        guard !result.hasErrors else {
            let count = result.diagnostics.filter { $0.severity == .error }.count
            FileHandle.standardError.write(Data("route-compiler: \(count) error\(count == 1 ? "" : "s"); nothing written\n".utf8))
            throw ExitCode(1)
        }
        let directory = OutputDirectory(path: output)
        if check {
            let stale = try directory.differences(from: result.files)
            guard stale.isEmpty else {
                FileHandle.standardError.write(Data(
                    "route-compiler: \(output)/ is stale: \(stale.joined(separator: ", ")); run `swift run route-compiler` and commit \(output)/\n".utf8
                ))
                throw ExitCode(1)
            }
            if !quiet { print("route-compiler: \(output)/ is up to date with \(routes) and \(catalog)") }
            return
        }
        let changed = try directory.write(result.files)
        if !quiet {
            let summary = result.table.map { "\($0.providers.count) providers, \($0.targets.count) targets, \($0.aliases.count) aliases, \($0.combos.count) combos, \($0.routes.count) glob routes, \($0.clients.count) clients" } ?? ""
            print("route-compiler: \(summary); \(changed.isEmpty ? "\(output)/ unchanged" : "wrote \(changed.joined(separator: ", "))")")
        }
    }
}

RouteCompilerCommand.main()
