import Foundation
import Testing
@testable import Assembler

@Suite("s370bench core image")
struct BenchmarkImageTests {
    @Test func benchAssemblesByteIdentical() throws {
        guard let source = SharedFiles.path("bench/s370bench.asm"),
              let corePath = SharedFiles.path("bench/s370bench.core"),
              let expected = SharedFiles.bytes(corePath) else { return }
        let assembly = Assembler.assemble(file: source)
        #expect(assembly.errors.isEmpty, "\(assembly.errors)")
        let image = assembly.coreImage
        let same = image == expected
        #expect(image.count == expected.count)
        if let i = zip(image, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("first difference at X'\(String(i, radix: 16, uppercase: true))': got \(hexString(Array(image[i..<min(i + 8, image.count)]))), expected \(hexString(Array(expected[i..<min(i + 8, expected.count)])))")
        }
        #expect(same, "core image differs from s370bench.core")
    }
}
