/* vm67 CMS: START address — run the program at a hexadecimal address
 * (until LOAD exists, the way to start code put in storage with CP STORE),
 * with OS linkage: R1 = PLIST of the rest of the line, R13 = save area,
 * R14 = return, R15 = entry. Its R15 is the return code. */
#include "commands.h"

static u32 plist_area[2 * MAXTOKENS + 2] __attribute__((aligned(8)));

int cmd_start(struct plist *p)
{
    u32 entry;
    if (p->count < 2 || !parse_hex(p->token[1], &entry) || entry >= storage_size()) {
        sayf("DMSLIO021E ENTRY POINT '%s' NOT FOUND", p->count < 2 ? "*" : p->token[1]);
        return 40;
    }
    u8 *plist = (u8 *)plist_area;
    int n = 0;
    for (int i = 1; i < p->count && n < MAXTOKENS; i++, n++) {
        char padded[8];
        memset(padded, ' ', 8);
        memcpy(padded, p->token[i], strlen(p->token[i]));
        to_ebcdic(plist + 8 * n, padded, 8);
    }
    memset(plist + 8 * n, 0xFF, 8);
    say("Execution begins...");
    return call_user(entry, (u32)plist);
}
