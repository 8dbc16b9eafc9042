#!/usr/bin/env python3
"""Differential vectors for vm67's HFP instructions, answered by Hercules 3.13.

Generates HFP test cases (edge-biased random operands for every S/370
floating-point instruction, plus invalid register numbers), runs them all in
one core image under Debian's Hercules 3.13 (S/370 mode, unattended, the way
/work/shared/bench/run_hercules.py drives it), and writes what Hercules
computed to hercules-float-vectors.txt next to this script. FloatTests.VersusHercules
replays every line on vm67.

    ./hercules_float_vectors.py [--seed N] [--per-op N] [--hercules PATH] [--keep DIR]

The harness program (hand-assembled below) loops over 64-byte case records:
  +0   the instruction under test (4 bytes; RX operands address 40(0,R10))
  +8   FPR0, FPR2, FPR4, FPR6 before
  +40  the 8-byte storage operand
  +48  SPM byte: condition code << 4 | program mask
It loads the FPRs, sets CC and mask with SPM, EXecutes the instruction, and
records FPRs, the operand area, the BALR link word (CC and program mask) and,
if a program interruption happened, the program old PSW. Its program new PSW
points at a handler that saves the old PSW and resumes the loop.

Output line format (hex, blank-separated):
  MNEMONIC INSTR FPR0 FPR2 FPR4 FPR6 OPERAND SPM -> FPR0 FPR2 FPR4 FPR6 OPERAND CC PM CODE
CODE is the program interruption code (0000 when none).
"""
import argparse, os, random, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hercules-float-vectors.txt")

# mnemonic: (opcode, kind). Kinds give the register rules and operand shapes.
OPS = {
    "LPDR": (0x20, "rr-long"), "LNDR": (0x21, "rr-long"), "LTDR": (0x22, "rr-long"),
    "LCDR": (0x23, "rr-long"), "HDR": (0x24, "rr-long"), "LRDR": (0x25, "rr-long-ext"),
    "MXR": (0x26, "rr-ext"), "MXDR": (0x27, "rr-ext-long"), "LDR": (0x28, "rr-long"),
    "CDR": (0x29, "rr-long"), "ADR": (0x2A, "rr-long"), "SDR": (0x2B, "rr-long"),
    "MDR": (0x2C, "rr-long"), "DDR": (0x2D, "rr-long"), "AWR": (0x2E, "rr-long"),
    "SWR": (0x2F, "rr-long"),
    "LPER": (0x30, "rr-short"), "LNER": (0x31, "rr-short"), "LTER": (0x32, "rr-short"),
    "LCER": (0x33, "rr-short"), "HER": (0x34, "rr-short"), "LRER": (0x35, "rr-short-long"),
    "AXR": (0x36, "rr-ext"), "SXR": (0x37, "rr-ext"), "LER": (0x38, "rr-short"),
    "CER": (0x39, "rr-short"), "AER": (0x3A, "rr-short"), "SER": (0x3B, "rr-short"),
    "MER": (0x3C, "rr-short"), "DER": (0x3D, "rr-short"), "AUR": (0x3E, "rr-short"),
    "SUR": (0x3F, "rr-short"),
    "STD": (0x60, "rx-long"), "MXD": (0x67, "rx-ext-long"), "LD": (0x68, "rx-long"),
    "CD": (0x69, "rx-long"), "AD": (0x6A, "rx-long"), "SD": (0x6B, "rx-long"),
    "MD": (0x6C, "rx-long"), "DD": (0x6D, "rx-long"), "AW": (0x6E, "rx-long"),
    "SW": (0x6F, "rx-long"),
    "STE": (0x70, "rx-short"), "LE": (0x78, "rx-short"), "CE": (0x79, "rx-short"),
    "AE": (0x7A, "rx-short"), "SE": (0x7B, "rx-short"), "ME": (0x7C, "rx-short"),
    "DE": (0x7D, "rx-short"), "AU": (0x7E, "rx-short"), "SU": (0x7F, "rx-short"),
}

CASES, REC = 0x2000, 64


# ---------------------------------------------------------------- operands

def rand_char(rng):
    r = rng.random()
    if r < 0.10: return rng.choice([0x00, 0x01, 0x02, 0x03])
    if r < 0.20: return rng.choice([0x7C, 0x7D, 0x7E, 0x7F])
    if r < 0.45: return rng.randint(0x3C, 0x44)
    if r < 0.55: return rng.choice([0x20, 0x21, 0x5F, 0x60])
    return rng.randint(0, 0x7F)


def rand_fraction(rng, digits):
    """Normalized, unnormalized, zero or edge fractions of `digits` hex digits."""
    top = 16 ** digits
    r = rng.random()
    if r < 0.45: return rng.randrange(top // 16, top)                   # normalized
    if r < 0.65: return rng.randrange(0, top >> (4 * rng.randint(1, digits)))  # leading zeros
    if r < 0.72: return 0
    if r < 0.80: return top - 1
    if r < 0.86: return top // 16
    if r < 0.90: return 1
    # a few digits set, the rest zero (guard-digit and truncation cases)
    d = rng.randint(1, digits)
    return rng.randrange(1, 16 ** d) << (4 * (digits - d))


def number(rng, digits, sign=None, char=None):
    s = rng.randint(0, 1) if sign is None else sign
    c = rand_char(rng) if char is None else char
    return s, c, rand_fraction(rng, digits)


def pack_short(s, c, f): return (s << 31) | (c << 24) | f
def pack_long(s, c, f): return (s << 63) | (c << 56) | f


def pack_ext(s, c, f, rng):
    """High and low parts; the low part gets a random sign/characteristic
    (ignored by the machine) most of the time."""
    high = pack_long(s, c, f >> 56)
    low_sc = rng.randrange(256) if rng.random() < 0.5 else ((s << 7) | ((c - 14) & 0x7F))
    return high, (low_sc << 56) | (f & (16 ** 14 - 1))


def related(rng, digits, a):
    """A second operand near the first: equal, negated, char ±1..16 etc."""
    s, c, f = a
    r = rng.random()
    if r < 0.2: return (1 - s, c, f)                            # cancels exactly
    if r < 0.35: return (rng.randint(0, 1), c, f ^ rng.randrange(1, 16))
    d = rng.randint(1, digits + 2)
    c2 = c - d if rng.random() < 0.5 else c + d
    return (rng.randint(0, 1), max(0, min(0x7F, c2)), rand_fraction(rng, digits))


def random_word(rng): return rng.getrandbits(32)


# ---------------------------------------------------------------- cases

def regs_for(kind, rng, invalid):
    """(r1, r2) for an RR kind; r1 only for RX."""
    fp = [0, 2, 4, 6]
    ext = [0, 4]
    bad = [1, 3, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    bad_ext = [2, 6] + bad
    k = kind.split("-")
    r1set = ext if k[1] in ("ext",) else fp
    if kind in ("rr-ext-long", "rx-ext-long"): r1set = ext
    if kind == "rr-ext": r2set = ext
    elif kind == "rr-long-ext": r2set = ext
    else: r2set = fp
    r1, r2 = rng.choice(r1set), rng.choice(r2set)
    if invalid:
        if k[0] == "rx" or rng.random() < 0.5:
            r1 = rng.choice(bad_ext if r1set is ext else bad)
        else:
            r2 = rng.choice(bad_ext if r2set is ext else bad)
    return r1, r2


def make_case(mn, rng, invalid=False):
    op, kind = OPS[mn]
    fprs = [rng.getrandbits(64) for _ in range(4)]
    r1, r2 = regs_for(kind, rng, invalid)
    short = kind in ("rr-short", "rx-short")
    digits = 6 if short else 14
    a = number(rng, digits)
    b = related(rng, digits, a) if rng.random() < 0.5 else number(rng, digits)
    operand = rng.getrandbits(64)

    def put_short(r, v):
        if r in (0, 2, 4, 6):
            fprs[r // 2] = (v << 32) | (fprs[r // 2] & 0xFFFFFFFF)

    def put_long(r, v):
        if r in (0, 2, 4, 6): fprs[r // 2] = v

    def put_ext(r, n):
        if r in (0, 4):
            hi, lo = pack_ext(*n, rng)
            fprs[r // 2], fprs[r // 2 + 1] = hi, lo

    if kind == "rr-short":
        put_short(r1, pack_short(*a)); put_short(r2, pack_short(*b)) if r1 != r2 else None
    elif kind == "rr-long":
        put_long(r1, pack_long(*a)); put_long(r2, pack_long(*b)) if r1 != r2 else None
    elif kind == "rr-short-long":          # LRER: long source
        put_long(r2, pack_long(*number(rng, 14)))
    elif kind == "rr-long-ext":            # LRDR: extended source
        put_ext(r2, number(rng, 28))
    elif kind == "rr-ext":
        x = number(rng, 28)
        y = related(rng, 28, x) if rng.random() < 0.5 else number(rng, 28)
        put_ext(r1, x)
        if r1 != r2: put_ext(r2, y)
    elif kind == "rr-ext-long":            # MXDR
        put_long(r1, pack_long(*a)); put_long(r2, pack_long(*b)) if r1 != r2 else None
    elif kind == "rx-short":
        put_short(r1, pack_short(*a))
        operand = (pack_short(*b) << 32) | (operand & 0xFFFFFFFF)
    elif kind in ("rx-long", "rx-ext-long"):
        put_long(r1, pack_long(*a))
        operand = pack_long(*b)
    if rng.random() < 0.08 and mn.startswith(("D",)) and not invalid:
        # a zero divisor (with or without characteristic and sign)
        if kind == "rx-short": operand &= 0xFF000000FFFFFFFF
        elif kind == "rx-long": operand &= 0xFF00000000000000
        elif kind == "rr-short" and r1 != r2: fprs[r2 // 2] &= 0xFF000000FFFFFFFF
        elif kind == "rr-long" and r1 != r2: fprs[r2 // 2] &= 0xFF00000000000000
    if kind.startswith("rr"):
        instr = bytes([op, (r1 << 4) | r2, 0x07, 0x00])   # padded with NOPR
    else:
        instr = bytes([op, r1 << 4, 0xA0, 0x28])           # D2(X2,B2) = 40(0,R10)
    spm = (rng.randrange(4) << 4) | rng.choice([0, 1, 2, 3, 3])
    return dict(mn=mn, instr=instr, fprs=fprs, operand=operand, spm=spm)


# ---------------------------------------------------------------- harness

def be32(v): return v.to_bytes(4, "big")
def be64(v): return v.to_bytes(8, "big")


def build_core(cases):
    n = len(cases)
    results = CASES + REC * n
    size = results + REC * n
    mem = bytearray(size)

    def put(a, b): mem[a:a + len(b)] = b

    put(0x00, be32(0x00000000) + be32(0x00000800))      # restart new PSW (BC)
    for loc, mark in ((0x58, 0xBAD058), (0x60, 0xBAD060), (0x70, 0xBAD070), (0x78, 0xBAD078)):
        put(loc, be32(0x00020000) + be32(mark))          # unexpected: disabled wait
    put(0x68, be32(0x00000000) + be32(0x00000A00))      # program new PSW → handler
    put(0x700, be32(CASES) + be32(results) + be32(n))
    put(0x710, be32(0x00020000) + be32(0x00000000))     # done: disabled wait, IA 0
    loop, resume = 0x80C, 0x82C
    code = bytes.fromhex(
        "58A00700"      # 800 L    R10,CASES
        "58B00704"      # 804 L    R11,RESULTS
        "58C00708"      # 808 L    R12,N
        "6800A008"      # 80C LD   0,8(R10)        LOOP
        "6820A010"      # 810 LD   2,16(R10)
        "6840A018"      # 814 LD   4,24(R10)
        "6860A020"      # 818 LD   6,32(R10)
        "5810A030"      # 81C L    R1,48(R10)
        "D707B02CB02C"  # 820 XC   44(8,R11),44(R11)
        "0410"          # 826 SPM  R1
        "4400A000"      # 828 EX   0,0(R10)
    )
    code += bytes.fromhex(
        "0520"          # 82C BALR R2,0            RESUME
        "6000B000"      #     STD  0,0(R11)
        "6020B008"      #     STD  2,8(R11)
        "6040B010"      #     STD  4,16(R11)
        "6060B018"      #     STD  6,24(R11)
        "D207B020A028"  #     MVC  32(8,R11),40(R10)
        "5020B028"      #     ST   R2,40(R11)
        "41A0A040"      #     LA   R10,64(R10)
        "41B0B040"      #     LA   R11,64(R11)
    ) + bytes([0x46, 0xC0, loop >> 8, loop & 0xFF]) + bytes.fromhex("82000710")
    put(0x800, code)
    put(0x718, be32(resume))
    handler = bytes.fromhex(
        "D207B02C0028"  # A00 MVC  44(8,R11),X'28'   save program old PSW
        "D202002D0719"  #     MVC  X'2D'(3),X'719'  resume address into it
        "82000028"      #     LPSW X'28'
    )
    put(0xA00, handler)
    for i, c in enumerate(cases):
        a = CASES + REC * i
        put(a, c["instr"] + b"\x07\x00\x07\x00")
        for k in range(4): put(a + 8 + 8 * k, be64(c["fprs"][k]))
        put(a + 40, be64(c["operand"]))
        put(a + 48, bytes([c["spm"], 0, 0, 0]))
    return bytes(mem), results


CONF = """ARCHMODE  S/370
MAINSIZE  {mainsize}
NUMCPU    1
CNSLPORT  3270
0009      3215-C  /
"""


def run_hercules(core, results, n, herc, keep=None):
    d = keep or tempfile.mkdtemp(prefix="hfloat.")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "t.core"), "wb").write(core)
    open(os.path.join(d, "t.cnf"), "w").write(CONF.format(mainsize=max(4, len(core) // (1 << 20) + 1)))
    dumps = []
    for a in range(results, results + REC * n, 0x400):
        end = min(a + 0x400, results + REC * n) - 1
        dumps.append("r %X-%X" % (a, end))
    open(os.path.join(d, "done.rc"), "w").write("psw\n" + "\n".join(dumps) + "\npause 1\nquit\n")
    open(os.path.join(d, "t.rc"), "w").write(
        "ostailor quiet\nhao tgt HHCCP011I\nhao cmd script done.rc\nloadcore t.core 0\nrestart\n")
    env = dict(os.environ, HERCULES_RC="t.rc")
    p = subprocess.run([herc, "-f", "t.cnf", "-d"], cwd=d, env=env, stdin=subprocess.DEVNULL,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    out = p.stdout.decode("latin-1")
    open(os.path.join(d, "hercules.log"), "w").write(out)
    m = re.search(r"\npsw\n.*\nPSW=([0-9A-F]{8}) ([0-9A-F]{8})", out)
    if not m or int(m.group(2), 16) & 0xFFFFFF != 0:
        sys.exit("harness did not end at its success wait; log in %s" % d)
    mem = {}
    for line in out.splitlines():
        mm = re.match(r"R:([0-9A-F]{8}):K:[0-9A-F]{2}=((?:[0-9A-F]{8} ?){1,4})", line)
        if mm:
            a = int(mm.group(1), 16)
            for i, w in enumerate(mm.group(2).split()):
                mem[a + 4 * i] = int(w, 16)
    return mem


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=370)
    ap.add_argument("--per-op", type=int, default=60)
    ap.add_argument("--hercules", default="hercules")
    ap.add_argument("--keep", default=None)
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    cases = []
    for mn in OPS:
        for i in range(a.per_op):
            cases.append(make_case(mn, rng, invalid=(i % 12 == 11)))
    answers = []     # (results base, memory) per batch of cases
    for start in range(0, len(cases), 4000):
        batch = cases[start:start + 4000]
        core, results = build_core(batch)
        answers.append((results, run_hercules(core, results, len(batch), a.hercules, a.keep)))
    lines = ["# HFP vectors answered by Hercules 3.13 (Debian 3.13-7), S/370 mode.",
             "# Generated by hercules_float_vectors.py --seed %d --per-op %d; do not edit." % (a.seed, a.per_op),
             "# MNEMONIC INSTR FPR0 FPR2 FPR4 FPR6 OPERAND SPM -> FPR0 FPR2 FPR4 FPR6 OPERAND CC PM CODE"]
    for i, c in enumerate(cases):
        results, mem = answers[i // 4000]
        r = results + REC * (i % 4000)
        w = lambda off: mem[r + off]
        d = lambda off: (w(off) << 32) | w(off + 4)
        link = w(40)
        cc, pm = (link >> 28) & 3, (link >> 24) & 0xF
        old = d(44)
        code = (old >> 32) & 0xFFFF
        if old:       # interrupted: CC and mask come from the old PSW
            cc, pm = (old >> 28) & 3, (old >> 24) & 0xF
        lines.append("%-4s %s %s %016X %02X -> %s %016X %d %X %04X" % (
            c["mn"], c["instr"].hex().upper(),
            " ".join("%016X" % v for v in c["fprs"]), c["operand"], c["spm"],
            " ".join("%016X" % d(8 * k) for k in range(4)), d(32), cc, pm, code))
    open(a.out, "w").write("\n".join(lines) + "\n")
    print("wrote %d vectors to %s" % (len(cases), a.out))


if __name__ == "__main__":
    main()
