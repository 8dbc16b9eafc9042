import Foundation

/// The first start of a system: volumes made and users' disks formatted.
extension ControlProgram {
    /// Opens every volume marked CREATE, making those that do not exist yet;
    /// on each volume made now, every directory minidisk (except one that
    /// starts at cylinder 0 and so owns the volume label) is formatted as
    /// an empty CMS disk labelled after its owner and address (`ALI191`),
    /// so new users find a working A-disk. Returns a line per action or
    /// problem, for the log.
    public func initializeVolumes() -> [String] {
        var report: [String] = []
        for definition in configuration.volumes where definition.create {
            let volume: SharedVolume
            do {
                volume = try volumes.volume(definition.volser)
            } catch {
                report.append("volume \(definition.volser) not available: \(error)")
                continue
            }
            guard volumes.takeCreated(definition.volser) else { continue }
            report.append("volume \(definition.volser) made: \(definition.file)")
            let directory = self.directory
            for userid in directory.order {
                guard let entry = directory.entry(userid) else { continue }
                for disk in entry.minidisks where disk.volser == definition.volser {
                    guard let first = disk.startCylinder, first > 0 else { continue }
                    let label = String(userid.prefix(3)) + hex3(disk.address)
                    do {
                        try CMSDiskFormat.format(volume, firstCylinder: first, cylinders: disk.cylinders, label: label)
                        report.append("\(userid) \(hex3(disk.address)) formatted for CMS, label \(label)")
                    } catch {
                        report.append("\(userid) \(hex3(disk.address)) not formatted: \(error)")
                    }
                }
            }
        }
        return report
    }
}
