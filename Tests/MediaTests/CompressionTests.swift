import Media
import Testing

@Suite("Compression")
struct CompressionTests {
    @Test func zlibRoundTrip() {
        let data = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        let packed = Compression.deflate(data)
        #expect(packed.count < data.count)
        #expect(Compression.inflate(packed, maximum: data.count) == data)
        #expect(Compression.inflate([1, 2, 3, 4], maximum: 100) == nil, "garbage is refused, not a crash")
    }

    @Test func bzip2RoundTrip() {
        let data = [UInt8](repeating: 0x40, count: 5000) + [1, 2, 3]
        let packed = Compression.bzip(data)
        #expect(Compression.bunzip(packed, maximum: data.count) == data)
        #expect(Compression.bunzip([0x42, 0x5A, 0x68, 0x39, 0, 0], maximum: 100) == nil)
    }
}
