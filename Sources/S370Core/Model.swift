/// The machine model a CPU implements, chosen per machine.
public enum MachineModel: String, Sendable, CaseIterable {
    /// IBM System/370: BC and EC mode PSWs, S/370 DAT, the S/370 instruction set.
    case s370
    /// IBM System/360 Model 67: the S/360 instruction set plus the 67's DAT.
    case s360_67 = "s360-67"
}

/// Optional facilities switched per machine.
public struct Facilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The later instructions that GCC emits for `-m31 -march=z900 -mesa`
    /// (relative branches, halfword immediates, LARL, multiply/divide logical,
    /// add/subtract with carry, byte reversal, string instructions). S/370 only.
    public static let ext370 = Facilities(rawValue: 1)
}

/// Compile-time description of a machine model. The interpreter is generic
/// over it, so every model check folds to a constant in the specialised loop.
protocol ModelTraits {
    static var is370: Bool { get }
    static var name: MachineModel { get }
}

enum S370Traits: ModelTraits {
    static var is370: Bool { true }
    static var name: MachineModel { .s370 }
}

enum S36067Traits: ModelTraits {
    static var is370: Bool { false }
    static var name: MachineModel { .s360_67 }
}
