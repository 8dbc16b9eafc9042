#!/usr/bin/env python3
"""vm67 CMS: turns an s390 ELF32 relocatable object (gcc -m31 -fno-pic -c)
into a CMS TEXT file: an OS/360 object deck of 80-byte EBCDIC cards that
LOAD reads.

    elf2text.py OBJECT.o OUT.text NAME [ENTRY]

Every allocated section (.text, .rodata, .data, .bss — the last as zeros)
goes into one control section NAME, each on its own alignment. Global
symbols become entry points (LD items; names upper case, 8 characters at
most), undefined ones external references (ER). Relocations:

* R_390_32: a 4-byte address constant (RLD A-type for a symbol of this
  object, V-type for an external one);
* R_390_PC32DBL, R_390_PLT32DBL, R_390_PC16DBL, R_390_PLT16DBL: relative
  offsets, filled in here; a call to an external name goes through a stub
  added at the end of the section (LARL 1,vcon; L 1,0(1); BR 1; a V-type
  constant), so the loader only ever sees address constants.

ENTRY (a global symbol) is the entry point named on the END card."""
import struct
import sys

R_390_32, R_390_PC16DBL, R_390_PC32DBL, R_390_PLT32DBL, R_390_PLT16DBL = 4, 16, 19, 20, 31
SHT_SYMTAB, SHT_RELA, SHT_NOBITS = 2, 4, 8
SHF_ALLOC = 2


def ebcdic(text):
    return text.encode("cp037")


def os_name(name):
    return name.upper()[:8]


class Elf:
    def __init__(self, data):
        if data[:4] != b"\x7fELF" or data[4] != 1 or data[5] != 2:
            sys.exit("elf2text: not a big-endian ELF32 object")
        self.data = data
        shoff, = struct.unpack_from(">I", data, 0x20)
        shentsize, shnum, shstrndx = struct.unpack_from(">HHH", data, 0x2E)
        self.sections = []
        for i in range(shnum):
            fields = struct.unpack_from(">IIIIIIIIII", data, shoff + i * shentsize)
            self.sections.append(dict(zip(
                ("name", "type", "flags", "addr", "offset", "size", "link", "info", "align", "entsize"), fields)))
        names = self.sections[shstrndx]
        for s in self.sections:
            s["label"] = self.string(names, s["name"])

    def string(self, table, offset):
        start = table["offset"] + offset
        end = self.data.index(b"\0", start)
        return self.data[start:end].decode()

    def bytes(self, s):
        if s["type"] == SHT_NOBITS:
            return bytes(s["size"])
        return self.data[s["offset"]:s["offset"] + s["size"]]

    def symbols(self):
        table = next(s for s in self.sections if s["type"] == SHT_SYMTAB)
        strings = self.sections[table["link"]]
        out = []
        for at in range(table["offset"], table["offset"] + table["size"], 16):
            name, value, size, info, other, shndx = struct.unpack_from(">IIIBBH", self.data, at)
            out.append({"name": self.string(strings, name), "value": value, "bind": info >> 4,
                        "type": info & 15, "shndx": shndx})
        return out


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    elf = Elf(open(sys.argv[1], "rb").read())
    section_name = os_name(sys.argv[3])
    entry_name = sys.argv[4] if len(sys.argv) == 5 else None

    # Lay out the allocated sections one after another.
    image = bytearray()
    base = {}
    for i, s in enumerate(elf.sections):
        if not s["flags"] & SHF_ALLOC or s["size"] == 0:
            continue
        align = max(s["align"], 1)
        while len(image) % align:
            image.append(0)
        base[i] = len(image)
        image += elf.bytes(s)

    symbols = elf.symbols()
    externals = []          # names, in ESDID order after the section (ESDID 1)

    def external(name):
        if name not in externals:
            externals.append(name)
        return 2 + externals.index(name)

    def address(sym):
        return base[sym["shndx"]] + sym["value"] if sym["shndx"] in base else None

    rlds = []               # (R ESDID, P ESDID, flag, address)
    stubs = {}

    def stub(name):
        if name not in stubs:
            while len(image) % 4:
                image.append(0x07)
            at = len(image)
            vcon = at + 12
            image.extend(b"\xc0\x10" + struct.pack(">i", (vcon - at) // 2))    # LARL 1,vcon
            image.extend(b"\x58\x10\x10\x00")                                   # L    1,0(1)
            image.extend(b"\x07\xf1")                                           # BR   1
            image.extend(b"\0\0\0\0")
            rlds.append((external(name), 1, 0x1C, vcon))
            stubs[name] = at
        return stubs[name]

    for s in elf.sections:
        if s["type"] != SHT_RELA or s["info"] not in base:
            continue
        where = base[s["info"]]
        for at in range(s["offset"], s["offset"] + s["size"], 12):
            offset, info, addend = struct.unpack_from(">IIi", elf.data, at)
            kind, sym = info & 0xFF, symbols[info >> 8]
            place = where + offset
            target = address(sym) if sym["type"] != 3 else base.get(sym["shndx"])
            if kind == R_390_32:
                if target is None:
                    struct.pack_into(">i", image, place, addend)
                    rlds.append((external(os_name(sym["name"])), 1, 0x1C, place))
                else:
                    struct.pack_into(">I", image, place, (target + addend) & 0xFFFFFFFF)
                    rlds.append((1, 1, 0x0C, place))
            elif kind in (R_390_PC32DBL, R_390_PLT32DBL, R_390_PC16DBL, R_390_PLT16DBL):
                if target is None:
                    target = stub(os_name(sym["name"]))
                value = (target + addend - place) // 2
                if kind in (R_390_PC32DBL, R_390_PLT32DBL):
                    struct.pack_into(">i", image, place, value)
                else:
                    struct.pack_into(">h", image, place, value)
            else:
                sys.exit(f"elf2text: relocation type {kind} for {sym['name']} is not supported (compile with -fno-pic)")

    entries = [(os_name(s["name"]), address(s)) for s in symbols
               if s["bind"] == 1 and address(s) is not None and s["type"] in (0, 1, 2)]
    entry = None
    if entry_name:
        entry = next((a for n, a in entries if n == os_name(entry_name)), None)
        if entry is None:
            sys.exit(f"elf2text: no global symbol {entry_name}")

    cards = []

    def card(kind, fields):
        c = bytearray(b"\x40" * 80)
        c[0] = 0x02
        c[1:4] = ebcdic(kind)
        for at, value in fields:
            c[at:at + len(value)] = value
        cards.append(c)

    def item(name, kind, addr, flags, length):
        return ebcdic(name.ljust(8)) + bytes([kind]) + addr.to_bytes(3, "big") + bytes([flags]) + length.to_bytes(3, "big")

    esd = [(1, item(section_name, 0x00, 0, 0x40, len(image)))]
    esd += [(None, item(n, 0x01, a, 0x40, 1)) for n, a in entries if n != section_name]
    esd += [(2 + k, item(n, 0x02, 0, 0x40, 0x404040)) for k, n in enumerate(externals)]
    for k in range(0, len(esd), 3):
        group = esd[k:k + 3]
        first = next((i for i, _ in group if i is not None), None)
        fields = [(10, (16 * len(group)).to_bytes(2, "big"))]
        if first is not None:
            fields.append((14, first.to_bytes(2, "big")))
        fields += [(16 + 16 * j, data) for j, (_, data) in enumerate(group)]
        card("ESD", fields)
    for at in range(0, len(image), 56):
        piece = bytes(image[at:at + 56])
        card("TXT", [(5, at.to_bytes(3, "big")), (10, len(piece).to_bytes(2, "big")), (14, (1).to_bytes(2, "big")),
                     (16, piece)])
    data = b""
    for r, p, flag, addr in sorted(rlds):
        entry_bytes = r.to_bytes(2, "big") + p.to_bytes(2, "big") + bytes([flag]) + addr.to_bytes(3, "big")
        if len(data) + len(entry_bytes) > 56:
            card("RLD", [(10, len(data).to_bytes(2, "big")), (16, data)])
            data = b""
        data += entry_bytes
    if data:
        card("RLD", [(10, len(data).to_bytes(2, "big")), (16, data)])
    end = []
    if entry is not None:
        end = [(5, entry.to_bytes(3, "big")), (14, (1).to_bytes(2, "big"))]
    card("END", end)
    prefix = section_name[:4].ljust(4)
    with open(sys.argv[2], "wb") as out:
        for n, c in enumerate(cards):
            c[72:80] = ebcdic(prefix + f"{(n + 1) % 10000:04d}")
            out.write(c)


if __name__ == "__main__":
    main()
