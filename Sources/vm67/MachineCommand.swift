import ArgumentParser
import BareMachine
import Devices
import Foundation

/// `vm67 machine CONFIG`: one bare S/370 (or 360/67) with the devices of a
/// configuration file, its consoles on this terminal and an operator
/// prompt; or, with --script, the operator commands of a file.
struct MachineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machine",
        abstract: "Run one bare machine from a configuration file, with an operator prompt.",
        discussion: """
        Lines starting with / go to the console; other lines are operator
        commands (type help). In a script, `wait console TEXT`, `wait read`,
        `wait stopped`, `sleep N` and `expect psw HEX` make runs repeatable.

        Printers and punches write the file named after their type:
        `000E 1403 print.txt [crlf] [append] [cp=1047] [lpp=66] [ch12=61]`
        (also 3211 and the 3270 printer 3286), `000D 2540P deck [ascii]`
        (also 3525). A 3270 display, `00C1 3278 [model=2-5]` (or 3277), is
        shown by `screen ADDR` and keyed with `key ADDR ENTER` and `type`.
        """
    )

    @Argument(help: "Machine configuration (ARCHMODE, MAINSIZE, device lines).")
    var config: String

    @Option(help: "Run the operator commands in this file, then exit (status 1 if a wait or expectation failed).")
    var script: String?

    @Option(help: "IPL from this device address (hex) at once.")
    var ipl: String?

    func run() throws {
        let configuration: MachineConfiguration
        do {
            configuration = try MachineConfiguration.load(path: config)
        } catch {
            throw ValidationError("\(error)")
        }
        let recorder = RecordingConsole()
        let interactive = script == nil
        let context = DeviceContext(console: { address in
            interactive ? TerminalConsole(address: address) as ConsoleEndpoint
                : TeeConsole(recorder, TerminalConsole(address: address, showReads: false))
        })
        let say: @Sendable (String) -> Void = { line in print("vm67: \(line)") }
        let machine: BareMachine
        do {
            machine = try BareMachine(configuration: configuration, context: context, message: say)
        } catch {
            throw ValidationError("\(error)")
        }
        machine.powerOn()
        defer { machine.powerOff() }
        if let ipl {
            for line in machine.command("ipl \(ipl)") { say(line) }
        }
        if let script {
            guard let text = try? String(contentsOfFile: script, encoding: .utf8) else {
                throw ValidationError("cannot read script '\(script)'")
            }
            let ok = MachineScript(machine: machine, recorder: recorder, say: { say($0) })
                .run(lines: text.components(separatedBy: "\n"), file: script)
            if !ok { throw ExitCode(1) }
            return
        }
        print("vm67 machine: \(configuration.devices.count) devices; type help for commands, quit to end")
        while let line = readLine() {
            let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
            if trimmed == "quit" || trimmed == "exit" { break }
            for response in machine.command(line) { say(response) }
        }
    }
}

/// Sends console output to two endpoints (the script's recorder and the terminal).
final class TeeConsole: ConsoleEndpoint {
    let first: ConsoleEndpoint, second: ConsoleEndpoint
    init(_ first: ConsoleEndpoint, _ second: ConsoleEndpoint) { self.first = first; self.second = second }
    func consoleOutput(_ text: String, newline: Bool) {
        first.consoleOutput(text, newline: newline)
        second.consoleOutput(text, newline: newline)
    }
    func consoleReadPending(_ pending: Bool) {
        first.consoleReadPending(pending)
        second.consoleReadPending(pending)
    }
    func consoleAlarm() { first.consoleAlarm(); second.consoleAlarm() }
}
