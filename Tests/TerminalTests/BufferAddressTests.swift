import Testing
import Terminal

@Suite("3270 buffer addresses")
struct BufferAddressTests {
    @Test func twelveBitFormRoundTrips() {
        for address in 0..<4096 {
            let bytes = BufferAddress.encode(address)
            #expect(bytes[0] & 0xC0 != 0, "12-bit addresses travel as graphics")
            #expect(BufferAddress.decode(bytes[0], bytes[1]) == address)
        }
    }

    @Test func knownAddresses() {
        // From the ITIMRCLK stand-alone program: row 9, columns 32 and 46 of a 24×80 screen.
        #expect(BufferAddress.encode(752) == [0x4B, 0xF0])
        #expect(BufferAddress.encode(766) == [0x4B, 0x7E])
        #expect(BufferAddress.encode(0) == [0x40, 0x40])
        #expect(BufferAddress.encode(1919) == [0x5D, 0x7F])
    }

    @Test func fourteenBitForm() {
        #expect(BufferAddress.decode(0x0D, 0xEB) == 0x0DEB)
        #expect(BufferAddress.encode14(3563) == [0x0D, 0xEB])
        #expect(BufferAddress.encode(5000) == [0x13, 0x88])
    }

    @Test func fieldAttributesTravelAsGraphics() {
        #expect(FieldAttribute(rawValue: 0xF8).rawValue == 0x38)
        #expect(FieldAttribute(rawValue: 0xF8).encoded == 0xF8)
        #expect(FieldAttribute(rawValue: 0x00).encoded == 0x40)
        #expect(FieldAttribute(rawValue: 0x60).isProtected)
        let a = FieldAttribute(rawValue: 0xF8)
        #expect(a.isProtected && a.isNumeric && a.isAutoskip && a.isIntensified && !a.isModified)
        #expect(FieldAttribute(rawValue: 0x4C).isHidden)
        #expect(FieldAttribute(rawValue: 0xC1).isModified)
    }

    @Test func aids() {
        #expect(AID.pf(1)?.rawValue == 0xF1)
        #expect(AID.pf(10)?.rawValue == 0x7A)
        #expect(AID.pf(12)?.rawValue == 0x7C)
        #expect(AID.pf(13)?.rawValue == 0xC1)
        #expect(AID.pf(22)?.rawValue == 0x4A)
        #expect(AID.pf(24)?.rawValue == 0x4C)
        #expect(AID.pf(0) == nil && AID.pf(25) == nil)
        #expect(AID.enter.rawValue == 0x7D && AID.clear.rawValue == 0x6D)
        #expect(AID.pa1.rawValue == 0x6C && AID.pa2.rawValue == 0x6E && AID.pa3.rawValue == 0x6B)
        #expect(AID.none.rawValue == 0x60)
        #expect((1...24).allSatisfy { AID.pf($0)!.pfNumber == $0 })
        #expect(AID.clear.isShortRead && AID.pa2.isShortRead && !AID.enter.isShortRead && !AID.pf(3)!.isShortRead)
        #expect(AID.pf(15)!.description == "PF15")
        #expect(AID(keyName: "pf12") == .pf(12) && AID(keyName: "ENTER") == .enter && AID(keyName: "clear") == .clear)
        #expect(AID(keyName: "PA3") == .pa3 && AID(keyName: "PF25") == nil && AID(keyName: "F1") == nil)
    }

    @Test func wcc() {
        let w = WriteControlCharacter(rawValue: 0x27)
        #expect(w.resetModified && w.restoreKeyboard && w.soundAlarm && !w.startPrinter)
        #expect(w.printFormat == .lines64)
        #expect(WriteControlCharacter(rawValue: 0x48).startPrinter)
        #expect(WriteControlCharacter(rawValue: 0x40).reset)
        #expect(WriteControlCharacter(rawValue: 0x30).printFormat.lineLength == 80)
    }

    @Test func modelSizes() {
        #expect(DisplayModel.model2.alternateSize == ScreenSize(rows: 24, columns: 80))
        #expect(DisplayModel.model3.alternateSize == ScreenSize(rows: 32, columns: 80))
        #expect(DisplayModel.model4.alternateSize == ScreenSize(rows: 43, columns: 80))
        #expect(DisplayModel.model5.alternateSize == ScreenSize(rows: 27, columns: 132))
        #expect(DisplayModel.allCases.allSatisfy { $0.defaultSize == .standard })
    }
}
