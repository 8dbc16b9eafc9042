import Assembler
import Channel
import S370Core
import Testing

/// A device for channel tests: answers each command with what `respond`
/// returns and records what it was given.
final class FakeDevice: ChannelDevice {
    var deviceType: UInt16 = 0x9999
    private(set) var commands: [DeviceCommand] = []
    var respond: (DeviceCommand) -> DeviceResponse = { _ in .finished(DeviceResult()) }
    var port: DevicePort?
    private(set) var halted = 0

    init(_ respond: ((DeviceCommand) -> DeviceResponse)? = nil) {
        if let respond { self.respond = respond }
    }

    func attach(_ port: DevicePort) { self.port = port }
    func start(_ command: DeviceCommand) -> DeviceResponse {
        commands.append(command)
        return respond(command)
    }
    func halt() { halted += 1 }
}

/// A small S/370 with an assembled test program. The program starts at
/// BEGIN in BC mode; it ends in a disabled wait at 0 (success) or elsewhere.
/// Low-core symbols the source can use: CSW (X'40'), CAW (X'48'), IONEW.
final class ChannelRig {
    let io: IOSystem
    var machine: Machine { io.machine }
    var channels: ChannelSubsystem { io.channels }
    let symbols: Assembly

    /// `body` is assembler source placed at X'200' (labels allowed); it may
    /// refer to CSW, CAW, IOOLD and set IONEW through `ioNewPSW`.
    init(_ body: String, ioNewPSW: String = "X'00020000',A(X'BAD078')",
         programNewPSW: String = "X'00020000',A(X'BAD068')") {
        let source = """
        TEST     START 0
                 USING TEST,0
                 DC    X'00000000',A(BEGIN)
                 ORG   TEST+X'38'
        IOOLD    DS    D
        CSW      DS    D
        CAW      DS    F
                 ORG   TEST+X'68'
        PGMNEW   DC    \(programNewPSW)
                 ORG   TEST+X'78'
        IONEW    DC    \(ioNewPSW)
                 ORG   TEST+X'200'
        \(body)
                 END   TEST
        """
        let assembly = Assembler.assemble(source: source, name: "rig.asm")
        if !assembly.succeeded {
            Issue.record("test program does not assemble: \(assembly.errors.map { "\($0)" }.joined(separator: "; "))")
        }
        symbols = assembly
        let machine = Machine(model: .s370, storageSize: 1 << 20)
        machine.storage.write(0, assembly.coreImage)
        io = IOSystem(machine: machine)
    }

    /// Address of a symbol of the program.
    func address(_ name: String) -> UInt32 {
        UInt32(symbols.symbol(name)?.value ?? 0)
    }

    private var started = false

    /// Starts at the PSW at location 0 (the first time; later calls resume)
    /// and runs until a disabled wait, an enabled wait nothing will end, or
    /// the budget.
    @discardableResult
    func run(budget: Int = 5_000_000) -> StopReason {
        if !started { machine.loadPSW(machine.storage.load64(0)); started = true }
        var left = budget
        while left > 0 {
            let before = machine.state.instructionCount
            let stop = io.run(budget: left)
            left -= Int(machine.state.instructionCount - before)
            switch stop {
            case .budgetExhausted, .woken: continue
            default: return stop
            }
        }
        return .budgetExhausted
    }

    var waitAddress: UInt32 { UInt32(machine.psw & 0x00FF_FFFF) }
    func word(_ a: UInt32) -> UInt32 { machine.storage.load32(a) }
    func double(_ a: UInt32) -> UInt64 { machine.storage.load64(a) }
    func bytes(_ a: UInt32, _ n: Int) -> [UInt8] { machine.storage.read(a, count: n) }
    var csw: UInt64 { machine.storage.load64(0x40) }
}
