import Foundation
import Testing

@Test(.enabled(if: ProcessInfo.processInfo.environment["VM67_DUMP_RANDOM_IMAGE"] != nil))
func dumpRandomImage() throws {
    let p = RandomPrograms(seed: 1)
    try Data(p.image).write(to: URL(fileURLWithPath: ProcessInfo.processInfo.environment["VM67_DUMP_RANDOM_IMAGE"]!))
}
