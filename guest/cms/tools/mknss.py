#!/usr/bin/env python3
"""Turns the linked vm67 CMS nucleus (a 31-bit s390 ELF linked at absolute 0)
into a named saved system file in vm67's SAVESYS layout
(Sources/CP/VM/SavedSystem.swift):

  header page (4096 bytes): +0 IPL PSW, +8 GPR 0-15, +72 FPR 0/2/4/6,
  +104 CR 0-15, +168 one storage-key byte per 2 KB block; then the pages,
  loaded contiguously from page 0.

The IPL PSW is a BC-mode PSW: machine checks enabled, I/O and external
disabled, key 0, supervisor state, instruction address = the ELF entry point.
Loadable segments are copied to their physical addresses; the bytes between
and the .bss are zero.

usage: mknss.py NUCLEUS.elf OUT.nss
"""
import struct
import sys

PAGE = 4096


def load_segments(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 1 or elf[5] != 2:
        sys.exit("mknss: not a 32-bit big-endian ELF file")
    (e_type, e_machine, _, e_entry, e_phoff, _, _, _, e_phentsize, e_phnum) = struct.unpack_from(
        ">HHIIIIIHHH", elf, 16)
    if e_machine != 22:
        sys.exit("mknss: not an s390 ELF file (machine %d)" % e_machine)
    segments = []
    for i in range(e_phnum):
        p_type, p_offset, _, p_paddr, p_filesz, p_memsz, _, _ = struct.unpack_from(
            ">IIIIIIII", elf, e_phoff + i * e_phentsize)
        if p_type == 1 and p_memsz > 0:
            segments.append((p_paddr, elf[p_offset:p_offset + p_filesz], p_memsz))
    return e_entry, segments


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: mknss.py NUCLEUS.elf OUT.nss")
    with open(sys.argv[1], "rb") as f:
        elf = f.read()
    entry, segments = load_segments(elf)
    if not segments:
        sys.exit("mknss: no loadable segments")
    end = max(addr + memsz for addr, _, memsz in segments)
    size = (end + PAGE - 1) // PAGE * PAGE
    if size > 16 * 1024 * 1024:
        sys.exit("mknss: the image goes past 16 MB")
    image = bytearray(size)
    for addr, data, _ in segments:
        image[addr:addr + len(data)] = data
    pages = size // PAGE
    if 168 + 2 * pages > PAGE:
        sys.exit("mknss: too many pages for the key table")
    header = bytearray(PAGE)
    struct.pack_into(">II", header, 0, 0x00040000, entry & 0x00FFFFFF)
    crs = [0] * 16
    crs[0] = 0x000000E0
    crs[2] = 0xFFFFFFFF
    crs[14] = 0xC2000000
    crs[15] = 0x00000200
    struct.pack_into(">16I", header, 104, *crs)
    # keys: key 0, not fetch-protected, for every 2 KB block (already zero)
    with open(sys.argv[2], "wb") as f:
        f.write(header)
        f.write(image)
    print("mknss: %s: %d pages, entry %06X" % (sys.argv[2], pages, entry))


main()
