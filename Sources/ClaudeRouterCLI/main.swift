import GeneratedRoutes
import RouterCLI

await ClaudeRouterCommand.main(table: CompiledRoutes.table)
