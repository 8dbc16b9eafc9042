import Assembler
import CP
import Foundation
import Logging
import Server
import Synchronization

// Front-door benchmarks (make bench): many real OpenSSH clients logged on at
// once to an in-process vm67 (CP + SSH server on loopback), and the time
// from a keystroke to its echo on the screen while 16 guests burn CPU.
// Figures only: nothing here passes or fails.

/// A CPU-bound guest: it never waits.
let spinner = """
         START X'200'
BEGIN    BALR  12,0
         USING *,12
LOOP     LA    5,1000
INNER    BCT   5,INNER
         B     LOOP
         END   BEGIN
"""

func run(_ program: String, _ arguments: [String]) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [program] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try? process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    return (Int(text.split(separator: " ")[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// An ssh client with a pty-like session (`-tt`), its screen bytes
/// collected, its input a pipe.
final class Client: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    let seen = Mutex<[UInt8]>([])
    let started = DispatchTime.now().uptimeNanoseconds

    init(user: String, port: String, key: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh")
        process.arguments = ["-tt", "-F", "/dev/null", "-p", port, "-o", "StrictHostKeyChecking=no",
                             "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                             "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=\(key)", "\(user)@127.0.0.1"]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm"
        process.environment = environment
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.seen.withLock { $0 += data }
        }
        try process.run()
    }

    func contains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        return seen.withLock { bytes in
            guard bytes.count >= needle.count else { return false }
            return (0...(bytes.count - needle.count)).contains { i in bytes[i..<(i + needle.count)].elementsEqual(needle) }
        }
    }

    var count: Int { seen.withLock { $0.count } }

    func type(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    func close() {
        output.fileHandleForReading.readabilityHandler = nil
        process.terminate()
    }
}

func percentile(_ values: [Double], _ p: Int) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, sorted.count * p / 100)]
}

let sessions = CommandLine.arguments.contains("--quick") ? 50 : 200
let state = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-sessionbench-\(UUID().uuidString)").path
try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: state) }
let key = state + "/client_key"
_ = run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])
let publicKey = (try String(contentsOfFile: key + ".pub", encoding: .utf8)).split(separator: " ").prefix(2).joined(separator: " ")

var directory = ""
for i in 0..<sessions { directory += "USER S\(i) NOLOGPW 1M 16M G\n CONSOLE 009 3215\n SSHKEY \(publicKey)\n" }
for i in 0..<16 { directory += "USER BUSY\(i) PW 1M 16M G\n CONSOLE 009 3215\n SPOOL 00C 2540 READ *\n" }
directory += "USER TYPIST PW 1M 16M G\n CONSOLE 009 3215\n SSHKEY \(publicKey)\n"
let (config, _) = SystemConfiguration.parse("CLEAR-PASSWORDS YES\nMAXUSERS 1000\n", file: "bench.conf")
let (users, errors) = UserDirectory.parse(directory, file: "bench.direct")
precondition(errors.isEmpty, "\(errors)")
let cp = ControlProgram(configuration: config, directory: users, stateDirectory: state)
cp.start()
let server = try FrontDoor.makeServer(cp: cp, stateDirectory: state, logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() },
                                      listen: ["127.0.0.1:0"])
try server.start()
let port = String(server.listeningAddresses[0].split(separator: ":").last!)
print("vm67 session benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) host cores)")

// 1. Many sessions: at most 16 connecting at a time (a bounded load
// generator); time from starting ssh to CP READ on its screen.
let before = residentBytes()
var clients: [Client] = []
var times: [Double] = []
var failed = 0
var next = 0
var connecting: [Client] = []
let deadline = Date().addingTimeInterval(600)
while (next < sessions || !connecting.isEmpty) && Date() < deadline {
    while connecting.count < 16 && next < sessions {
        connecting.append(try Client(user: "s\(next)", port: port, key: key))
        next += 1
    }
    usleep(2_000)
    connecting.removeAll { client in
        if client.contains("CP READ") {
            times.append(Double(DispatchTime.now().uptimeNanoseconds - client.started) / 1e6)
            clients.append(client)
            return true
        }
        if !client.process.isRunning || Double(DispatchTime.now().uptimeNanoseconds - client.started) / 1e9 > 60 {
            failed += 1
            client.close()
            return true
        }
        return false
    }
}
Thread.sleep(forTimeInterval: 1)
let after = residentBytes()
print(String(format: "%d SSH sessions to CP READ: %d ok, %d failed; p50 %.0f ms, p99 %.0f ms (goal: p99 < 500 ms)",
             sessions, times.count, failed, times.isEmpty ? 0 : percentile(times, 50), times.isEmpty ? 0 : percentile(times, 99)))
print(String(format: "daemon memory per idle session: %.0f KB (goal: < 1024 KB)",
             Double(after - before) / Double(max(1, times.count)) / 1024))
for client in clients { client.close() }
clients.removeAll()
Thread.sleep(forTimeInterval: 2)

// 2. Keystroke to echo while 16 guests burn CPU.
let assembly = Assembler.assemble(source: spinner)
let deckBytes = assembly.iplDeck()
let cards = stride(from: 0, to: deckBytes.count, by: 80).map { Array(deckBytes[$0..<min($0 + 80, deckBytes.count)]) }
for i in 0..<16 {
    cp.spool.sendToReader(of: "BUSY\(i)", from: "BENCH", cards: cards)
    if case .loggedOn(let vm) = cp.autolog("BUSY\(i)") { vm.console.submit(.line("ipl 00c")) }
}
Thread.sleep(forTimeInterval: 1)
let typist = try Client(user: "typist", port: port, key: key)
while !typist.contains("CP READ") { usleep(1_000) }
Thread.sleep(forTimeInterval: 0.5)
var echoes: [Double] = []
for i in 0..<200 {
    let mark = typist.count
    let sent = DispatchTime.now().uptimeNanoseconds
    typist.type(String(UnicodeScalar(UInt8(97 + i % 26))))
    while typist.count == mark { usleep(100) }
    echoes.append(Double(DispatchTime.now().uptimeNanoseconds - sent) / 1e6)
    if i % 60 == 59 { typist.type("\u{15}") ; Thread.sleep(forTimeInterval: 0.05) }   // ^U: ERASE INPUT
    usleep(10_000)
}
print(String(format: "keystroke to echo with 16 busy guests: p50 %.2f ms, p99 %.2f ms (goal: p99 < 50 ms)",
             percentile(echoes, 50), percentile(echoes, 99)))
typist.close()
server.stop()
cp.shutdown()
