import E2ERoutes
import RouterRuntime

await ClaudeRouterCommand.main(table: CompiledRoutes.table)
