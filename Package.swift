// swift-tools-version: 6.0
import PackageDescription

// The machine core runs guest instructions in a tight loop. Exclusivity is
// enforced statically there (state lives behind raw pointers), so the dynamic
// checks only cost time; they are switched off for that one target.
let hotPathFlags: [SwiftSetting] = [
    .unsafeFlags(["-enforce-exclusivity=unchecked"]),
]

let package = Package(
    name: "vm67",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vm67", targets: ["vm67"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .target(name: "S370Spec"),
        .target(name: "S370Core", swiftSettings: hotPathFlags),
        .target(name: "Channel", dependencies: ["S370Core"]),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CLibSSH", providers: [.apt(["libssh-dev"])]),
        .target(name: "Media", dependencies: ["CZlib", "CBzip2"]),
        // The terminfo layer of ncurses (libtinfo) only: capabilities and key
        // sequences per terminal type. Never the curses screen functions (DESIGN.md).
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("tinfo")]),
        .target(name: "Terminal", dependencies: ["CCurses"]),
        // The SSH protocol layer (Sources/Server/SSH) knows nothing of CP;
        // Sources/Server/Front plugs CP and the Terminal console into it.
        .target(name: "Server", dependencies: ["CLibSSH", "CP", "Terminal", "Media", .product(name: "Logging", package: "swift-log")]),
        .target(name: "Devices", dependencies: ["Channel", "Media", "Terminal"]),
        .target(name: "CP", dependencies: ["Devices", "Channel", "Media", "S370Core", "S370Spec", "Assembler", "CCrypt", "Terminal"]),
        .target(name: "BareMachine", dependencies: ["Devices", "Channel", "Media", "S370Core", "S370Spec", "Assembler"]),
        .target(name: "Assembler", dependencies: ["S370Spec"]),
        .executableTarget(name: "GenTables", dependencies: ["S370Spec"]),
        .executableTarget(
            name: "vm67",
            dependencies: [
                "S370Core",
                "S370Spec",
                "Assembler",
                "BareMachine",
                "CP",
                "Media",
                "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "S370Bench",
            dependencies: ["S370Core"],
            path: "Benchmarks/S370Bench"
        ),
        .executableTarget(
            name: "SessionBench",
            dependencies: ["Server", "CP", "Assembler", .product(name: "Logging", package: "swift-log")],
            path: "Benchmarks/SessionBench"
        ),
        .executableTarget(
            name: "CPBench",
            dependencies: ["CP", "Assembler"],
            path: "Benchmarks/CPBench"
        ),
        .testTarget(name: "S370SpecTests", dependencies: ["S370Spec"]),
        .testTarget(name: "S370CoreTests", dependencies: ["S370Core", "S370Spec", "Channel", "Devices", "Media"]),
        .testTarget(name: "ChannelTests", dependencies: ["Channel", "S370Core", "Assembler"]),
        .testTarget(name: "DevicesTests", dependencies: ["Devices", "Channel", "Media", "S370Core", "Terminal"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal"]),
        .testTarget(name: "MediaTests", dependencies: ["Media"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "CP", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CPTests", dependencies: ["CP", "Devices", "Channel", "Media", "S370Core", "S370Spec", "Assembler"]),
        .testTarget(name: "BareMachineTests", dependencies: ["BareMachine", "Devices", "Media", "Channel", "S370Core", "Terminal", "Assembler"]),
        .testTarget(
            name: "AssemblerTests",
            dependencies: ["Assembler", "S370Spec"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
