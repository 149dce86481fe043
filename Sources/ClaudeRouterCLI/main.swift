import GeneratedRoutes
import RouterRuntime

await ClaudeRouterCommand.main(table: CompiledRoutes.table)
