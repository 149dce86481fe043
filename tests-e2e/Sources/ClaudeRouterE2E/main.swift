import E2ERoutes
import RouterCLI

await ClaudeRouterCommand.main(table: CompiledRoutes.table, wallClock: SimulatedClock.fromEnvironment())
