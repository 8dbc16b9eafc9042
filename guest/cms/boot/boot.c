/* vm67 CMS disk bootstrap (block 2 of an IPL-able CMS disk, at X'80000').
 *
 * It loads the nucleus file named in its parameters — an F 800 file, one
 * 800-byte record per block, record n going to address 800*(n-1) — by
 * following the file's chain links, then starts the nucleus with the PSW
 * the named saved system would have: BC mode, disabled, key 0. Every read
 * is SEEK, SEARCH ID EQUAL, TIC *-8, READ DATA, started by SIO and waited
 * for with TIO, disabled. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;

struct params {
    u32 fcl;            /* the nucleus file's first chain link */
    u32 blocks;         /* its data blocks */
    u32 per_track;      /* 800-byte records per track */
    u32 heads;
    u32 entry;          /* the nucleus entry point */
    u32 device;         /* 0: the IPL device (from location 2) */
};
__attribute__((section(".params"), used)) volatile struct params params;

struct ccw { u8 cmd; u8 addr[3]; u8 flags; u8 zero; u16 count; } __attribute__((aligned(8)));

static struct ccw program[4];
static u8 seek[8] __attribute__((aligned(8)));
static u8 link1[800] __attribute__((aligned(8)));
static u8 link2[800] __attribute__((aligned(8)));
static u32 psw[2] __attribute__((aligned(8)));

static void ccw(struct ccw *c, u8 cmd, const void *data, u8 flags, u16 count)
{
    u32 a = (u32)data;
    c->cmd = cmd;
    c->addr[0] = (u8)(a >> 16);
    c->addr[1] = (u8)(a >> 8);
    c->addr[2] = (u8)a;
    c->flags = flags;
    c->zero = 0;
    c->count = count;
}

static void stop(u32 code)
{
    psw[0] = 0x00020000;
    psw[1] = code;
    __asm__ __volatile__("lpsw 0(%0)" : : "a"(psw) : "memory");
    for (;;) {}
}

static void read_block(u32 device, u32 block, void *to)
{
    u32 track = (block - 1) / params.per_track;
    u32 cylinder = track / params.heads, head = track % params.heads;
    seek[0] = seek[1] = 0;
    seek[2] = (u8)(cylinder >> 8);
    seek[3] = (u8)cylinder;
    seek[4] = (u8)(head >> 8);
    seek[5] = (u8)head;
    seek[6] = (u8)((block - 1) % params.per_track + 1);
    ccw(&program[0], 0x07, seek, 0x40, 6);
    ccw(&program[1], 0x31, seek + 2, 0x40, 5);
    ccw(&program[2], 0x08, &program[1], 0, 0);
    ccw(&program[3], 0x06, to, 0x20, 800);
    int cc;
    do {
        *(volatile u32 *)0x48 = (u32)program;
        __asm__ __volatile__(".insn s,0x9c000000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(device) : "cc", "memory");
    } while (cc == 1 || cc == 2);
    if (cc == 3) stop(0xB00003);
    do {
        __asm__ __volatile__(".insn s,0x9d000000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(device) : "cc", "memory");
    } while (cc == 2);
    /* Unit check: stop, with the block in the PSW. */
    if (cc == 1 && (*(volatile u8 *)0x44 & 0x02)) stop(0xB10000 | (block & 0xFFFF));
}

u8 boot_stack[4096] __attribute__((aligned(8)));

void boot_main(void);
__attribute__((noreturn)) void boot_main(void)
{
    u32 device = params.device ? params.device : *(volatile u16 *)2;
    u16 *first = (u16 *)link1, *more = (u16 *)link2;
    read_block(device, params.fcl, link1);
    u32 loaded_link = 0;
    for (u32 i = 0; i < params.blocks; i++) {
        u32 block;
        if (i < 60) {
            block = first[40 + i];
        } else {
            u32 k = (i - 60) / 400 + 1;
            if (k != loaded_link) {
                read_block(device, first[k - 1], link2);
                loaded_link = k;
            }
            block = more[(i - 60) % 400];
        }
        read_block(device, block, (u8 *)(i * 800));
    }
    psw[0] = 0x00040000;
    psw[1] = params.entry;
    __asm__ __volatile__("lpsw 0(%0)" : : "a"(psw) : "memory");
    for (;;) {}
}
