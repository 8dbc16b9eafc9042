#!/usr/bin/env python3
"""Writes src/ebcdic.c: the code page 037 <-> ISO 8859-1 tables (from Python's
cp037 codec). Run from guest/cms: tools/gen-ebcdic.py > src/ebcdic.c"""
a2e = bytes(range(256)).decode('latin-1').encode('cp037')
e2a = bytes(range(256)).decode('cp037').encode('latin-1')


def table(name, data):
    out = ["const u8 %s[256] = {" % name]
    for i in range(0, 256, 16):
        out.append("    " + ", ".join("0x%02X" % b for b in data[i:i + 16]) + ",")
    out.append("};")
    return "\n".join(out)


print("/* vm67 CMS: EBCDIC code page 037 <-> ISO 8859-1, both ways (the tables were")
print(" * generated with Python's cp037 codec: tools/gen-ebcdic.py). */")
print('#include "cms.h"\n')
print(table("ascii_to_ebcdic", a2e))
print()
print(table("ebcdic_to_ascii", e2a))
print()
print("""void to_ebcdic(u8 *out, const char *in, size_t n)
{
    for (size_t i = 0; i < n; i++) out[i] = ascii_to_ebcdic[(u8)in[i]];
}

void from_ebcdic(char *out, const u8 *in, size_t n)
{
    for (size_t i = 0; i < n; i++) out[i] = (char)ebcdic_to_ascii[in[i]];
}""")
