/* vm67 CMS: START [entry|*] [args ...] — run what LOAD (or INCLUDE, or
 * LOADMOD) put in storage: at its entry point (`*` or nothing), at a name
 * in the loader table, or (vm67: for code put there with CP STORE) at a
 * hexadecimal address. OS linkage: R1 = the PLIST of the entry token and
 * the arguments, R13 = a save area, R14 = the return, R15 = the entry. The
 * program's R15 is the return code. */
#include "commands.h"
#include "loader.h"

static u32 plist_area[2 * MAXTOKENS + 2] __attribute__((aligned(8)));

/* The PLIST of 8-byte tokens ended by X'FF's, "Execution begins...", and
 * the program. */
int start_program(u32 entry, const char (*tokens)[9], int count)
{
    u8 *plist = (u8 *)plist_area;
    int n = 0;
    for (int i = 0; i < count && n < MAXTOKENS; i++, n++) {
        char padded[8];
        memset(padded, ' ', 8);
        memcpy(padded, tokens[i], strlen(tokens[i]));
        to_ebcdic(plist + 8 * n, padded, 8);
    }
    memset(plist + 8 * n, 0xFF, 8);
    say("Execution begins...");
    return program_run(entry, (u32)plist);
}

int cmd_start(struct plist *p)
{
    const char *name = p->count < 2 ? "*" : p->token[1];
    u32 entry;
    if (strcmp(name, "*") == 0) {
        if (!ldr_loaded || !ldr_has_entry) {
            say("DMSLIO055E NO ENTRY POINT DEFINED");
            return 40;
        }
        entry = ldr_entry;
    } else if (!ldr_lookup(name, &entry) && (!parse_hex(name, &entry) || entry >= storage_size())) {
        sayf("DMSLIO021E ENTRY POINT '%s' NOT FOUND", name);
        return 40;
    }
    if (p->count < 2) {
        static const char star[1][9] = { "*" };
        return start_program(entry, star, 1);
    }
    return start_program(entry, (const char (*)[9])p->token[1], p->count - 1);
}
