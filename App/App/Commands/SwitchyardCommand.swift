import ArgumentParser

/// `switchyard`: the multi-channel commerce operations hub.
public struct SwitchyardCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "switchyard",
        abstract: "Multi-channel commerce operations hub.",
        discussion: "Configuration comes from environment variables; see the README for each one and its default.",
        subcommands: [
            DevCommand.self, ServeCommand.self, WorkerCommand.self, MigrateCommand.self, SeedCommand.self, TokenCommand.self, SandboxCommand.self,
        ]
    )

    public init() {}
}
