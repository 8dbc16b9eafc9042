import ArgumentParser

@main
struct VM67: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vm67",
        abstract: "A timesharing system in the line of CP-67 and VM/370.",
        subcommands: [CoreCommand.self, AsmCommand.self, MachineCommand.self, DasdCommand.self, DirectoryCommand.self, UserCommand.self, HostKeysCommand.self]
    )
}
