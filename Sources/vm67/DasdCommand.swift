import ArgumentParser
import Foundation
import Media

/// `vm67 dasd init|info|copy`: make, inspect and convert the Hercules CKD
/// and CCKD volume images that vm67's disk drives use.
struct DasdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dasd",
        abstract: "Make, inspect and convert disk volumes (Hercules CKD and compressed CCKD images).",
        discussion: """
            Device types: \(DASDGeometry.names.joined(separator: " ")).
            A file named *.cckd is made compressed unless --compress says otherwise; any other name gets an uncompressed CKD image. --compress zlib or bzip2 makes \
            a compressed image, --compress none an uncompressed one.
            """,
        subcommands: [DasdInit.self, DasdInfo.self, DasdCopy.self, DasdExercise.self]
    )
}

/// Reports a volume error (file and reason) on standard error; the exit status is 1.
func volumeFailure(_ error: MediaError) -> ExitCode {
    FileHandle.standardError.write(Data("vm67 dasd: \(error)\n".utf8))
    return ExitCode(1)
}

/// The image format from --compress or, without it, the file name.
func volumeFormat(compress: String?, file: String) throws -> VolumeFormat {
    guard let compress else {
        let lower = file.lowercased()
        return lower.hasSuffix(".cckd") ? .cckd(compression: .zlib) : .ckd
    }
    guard let kind = TrackCompression(name: compress) else {
        throw ValidationError("--compress \(compress): use zlib, bzip2 or none")
    }
    return kind == .none ? .ckd : .cckd(compression: kind)
}

struct DasdInit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new volume, formatted and labelled as Hercules' dasdinit does.",
        discussion: """
            Every track gets a home address and record 0; cylinder 0 head 0 also gets IPL1 \
            (a disabled-wait PSW), IPL2 and a VOL1 label with the volume serial.
            """
    )

    @Argument(help: "Device type and model: 3350, 3330-11, 3380-K…")
    var type: String
    @Argument(help: "The image file to make.")
    var file: String
    @Argument(help: "Volume serial, 1 to 6 characters.")
    var volser: String
    @Argument(help: "Cylinders (default: the model's primary cylinders).")
    var cylinders: Int?
    @Option(help: "zlib or bzip2 for a compressed image, none for an uncompressed one.")
    var compress: String?
    @Flag(name: [.customShort("a"), .long], help: "Include the model's alternate cylinders.")
    var alternates = false
    @Flag(help: "Replace the file if it exists.")
    var replace = false

    func run() throws {
        guard let geometry = DASDGeometry.named(type) else {
            throw ValidationError("unknown device type '\(type)'; known: \(DASDGeometry.names.joined(separator: " "))")
        }
        let format = try volumeFormat(compress: compress, file: file)
        let count = cylinders ?? (alternates ? geometry.cylindersWithAlternates : geometry.cylinders)
        let progress = ProgressBar(label: "formatting", unit: "cylinders")
        do {
            let volume = try DASDImage.create(file, geometry: geometry, cylinders: count, volser: volser, format: format,
                                              replace: replace, progress: { progress.update($0, $1) })
            progress.finish()
            try volume.close()
        } catch let error as MediaError {
            progress.finish()
            throw volumeFailure(error)
        }
        print("\(file): \(geometry.name), \(count) cylinders, \(format), volume \(volser.uppercased())")
    }
}

struct DasdInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a volume's device type, geometry, format, label and space."
    )

    @Argument(help: "The image file.")
    var file: String

    func run() throws {
        let volume: DASDVolume
        do {
            volume = try DASDImage.open(file, readOnly: true)
        } catch let error as MediaError {
            throw volumeFailure(error)
        }
        let g = volume.geometry
        let usage: VolumeUsage
        do { usage = try volume.usage() } catch let error as MediaError { throw volumeFailure(error) }
        var lines = [
            "file:        \(file)",
            "device:      \(g.name) (type \(String(g.deviceType, radix: 16, uppercase: true)), model \(String(g.model, radix: 16, uppercase: true)))",
            "geometry:    \(volume.cylinders) cylinders (model: \(g.cylinders) + \(g.alternateCylinders) alternate), \(volume.heads) heads, \(volume.cylinders * volume.heads) tracks",
            "track:       \(g.trackCapacity) bytes capacity, longest record \(g.maximumRecordLength), image track size \(volume.trackSize)",
            "format:      \(volume.format)",
            "label:       \(labelText(try? volume.readTrack(cylinder: 0, head: 0)))",
            "used tracks: \(usage.usedTracks) of \(usage.totalTracks)",
            "file size:   \(usage.fileBytes) bytes",
        ]
        if case .cckd = volume.format {
            lines.append("free space:  \(usage.freeBytes) bytes in \(usage.freeExtents) pieces")
            let kinds = TrackCompression.allCases.compactMap { k in
                usage.tracksByCompression[k].map { "\($0) \(k == .none ? "uncompressed" : "\(k)")" }
            }
            if !kinds.isEmpty { lines.append("stored:      \(kinds.joined(separator: ", ")) track images") }
            if let c = volume as? CCKDImage, c.wasLeftOpen {
                lines.append("note:        not closed cleanly (a crash); vm67 recovers it when it opens it for writing")
            }
        }
        print(lines.joined(separator: "\n"))
    }

    /// The VOL1 serial, or a CMS disk's CMS= label.
    func labelText(_ track0: [UInt8]?) -> String {
        guard let track0 else { return "(track 0 unreadable)" }
        if let serial = VolumeLabel.volser(inTrackZero: track0) { return "VOL1 \(serial)" }
        if let records = TrackImage.records(track0), let r3 = records.first(where: { $0.record == 3 }), r3.data.count >= 10,
           Array(r3.data[0..<4]) == [0xC3, 0xD4, 0xE2, 0x7E] {
            return "CMS=\(CodePage.cp037.string(r3.data[4..<10])) (CMS disk)"
        }
        return "(none)"
    }
}

struct DasdCopy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a volume into a new image: CKD to CCKD, CCKD to CKD, or recompressed."
    )

    @Argument(help: "The volume to copy.")
    var from: String
    @Argument(help: "The new image file.")
    var to: String
    @Option(help: "zlib or bzip2 for a compressed copy, none for an uncompressed one.")
    var compress: String?
    @Flag(help: "Replace the new file if it exists.")
    var replace = false

    func run() throws {
        let format = try volumeFormat(compress: compress, file: to)
        let progress = ProgressBar(label: "copying", unit: "tracks")
        do {
            let source = try DASDImage.open(from, readOnly: true)
            let usage = try DASDImage.copy(source, to: to, format: format, replace: replace) { progress.update($0, $1) }
            progress.finish()
            print("\(to): \(source.geometry.name), \(source.cylinders) cylinders, \(format); \(usage.usedTracks) tracks used, \(usage.fileBytes) bytes")
        } catch let error as MediaError {
            progress.finish()
            throw volumeFailure(error)
        }
    }
}

/// A progress bar on standard error, shown only when it is a terminal.
final class ProgressBar {
    let label: String
    let unit: String
    private let enabled = isatty(2) != 0
    private var shown = -1

    init(label: String, unit: String) {
        self.label = label
        self.unit = unit
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != shown else { return }
        shown = percent
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% \(done)/\(total) \(unit)".utf8))
    }

    func finish() {
        guard enabled, shown >= 0 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        shown = -1
    }
}
