import Foundation
import Media
import Testing

/// The vm67 CMS file system (guest/cms/src/fs_*.c), compiled for the host
/// and run against the real VM/370 R6 CMS disks: every file of the four
/// disks listed and read as expected/files.txt says, big files written,
/// replaced, renamed and erased, and writes cut off after every block
/// leaving the old file or the new one (guest/cms/test/host_fs.c).
@Suite("vm67 CMS file system on the host")
struct VM67CMSFileSystemTests {
    static let disks = ["cmsuser_191", "cmsuser_192", "cmsuser_195", "shared_19D"]

    @Test func realDisksReadWriteAndCrash() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/cc") else {
            Issue.record("the host C compiler is missing (apt-get install gcc)")
            return
        }
        var sources: [URL] = []
        for disk in Self.disks {
            guard let url = SharedFiles.require("guests/cms-r6/\(disk).cckd") else { return }
            sources.append(url)
        }
        guard let expected = SharedFiles.require("guests/cms-r6/expected/files.txt") else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vm67-cmsfs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (disk, source) in zip(Self.disks, sources) {
            let volume = try DASDImage.open(source.path, readOnly: true)
            try DASDImage.copy(volume, to: folder.appendingPathComponent("\(disk).ckd").path, format: .ckd, replace: true)
        }
        let (status, output) = VM67CMSImage.run("/usr/bin/make", ["-s", "-C", VM67CMSImage.directory.path, "host-test",
                                                                  "CKDDIR=\(folder.path)", "EXPECTED=\(expected.path)"])
        #expect(status == 0, "\(output)")
        #expect(output.contains(" 0 failures"), "\(output)")
    }
}
