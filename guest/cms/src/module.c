/* vm67 CMS: MODULE files — GENMOD writes the loaded program as a core
 * image, LOADMOD puts it back where it was, and a command that names a
 * MODULE on an accessed disk loads and runs it.
 *
 * A MODULE is RECFM V (as CMS writes them), in vm67's layout:
 *   record 1, 80 bytes:
 *     +0  A   the entry point
 *     +4  A   the first address of the core image
 *     +8  A   the address after it
 *     +12 A   the address after the loaded program (GETMAIN storage starts there)
 *     +16 F   the number of core-image records
 *     +34 H   the number of loader-table entries (0 with NOMAP)
 *     +36 CL8 'VM67MOD'
 *   then the core image, 65535 bytes a record (the last one shorter);
 *   then, unless NOMAP, the loader table: 20 bytes an entry, name (8),
 *   address (4), kind (1: C'S' section, C'L' entry), 7 bytes of zero
 *   — so START name works after LOADMOD. */
#include "commands.h"
#include "loader.h"

#define HEADER 80
#define PIECE 65535
#define ENTRY_SIZE 20

static struct adisk *find_module(const char *fn, struct fileinfo *f)
{
    struct fileid id;
    memset(&id, 0, sizeof id);
    strcpy(id.fn, fn);
    strcpy(id.ft, "MODULE");
    id.mode = '*';
    return file_locate(&id, f);
}

int module_exists(const char *fn)
{
    struct fileinfo f;
    return find_module(fn, &f) != NULL;
}

/* An address from FROM/TO: a section's start (or, for TO, its end) or an
 * entry's address. */
static int named_address(const char *name, int end, u32 *out)
{
    for (int i = 0; i < ldr_nsymbols; i++) {
        struct ldr_symbol *s = &ldr_symbols[i];
        if (strcmp(s->name, name) != 0 || (s->kind != SYM_SD && s->kind != SYM_LD)) continue;
        *out = s->address + (end && s->kind == SYM_SD ? s->length : 0);
        return 1;
    }
    return 0;
}

int cmd_genmod(struct plist *p)
{
    int i = 1;
    if (p->count < 2 || p->token[1][0] == '(') {
        say("DMSMOD001E NO FILENAME SPECIFIED");
        return 24;
    }
    char fn[9];
    strcpy(fn, p->token[i++]);
    char mode = 'A', digit = '1';
    if (i < p->count && p->token[i][0] != '(') {
        if (strcmp(p->token[i], "MODULE") != 0) {
            sayf("DMSMOD032E INVALID FILETYPE %s", p->token[i]);
            return 24;
        }
        i++;
        if (i < p->count && p->token[i][0] != '(') {
            mode = p->token[i][0];
            if (p->token[i][1] >= '0' && p->token[i][1] <= '9') digit = p->token[i][1];
            i++;
        }
    }
    char from[9] = "", to[9] = "";
    int map = 1;
    for (; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (strcmp(w, "FROM") == 0 || strcmp(w, "TO") == 0) {
            if (i + 1 >= p->count || p->token[i + 1][0] == ')') {
                sayf("DMSMOD005E NO '%s ENTRY' SPECIFIED", w);
                return 24;
            }
            strcpy(w[0] == 'F' ? from : to, p->token[++i]);
        } else if (strcmp(w, "MAP") == 0) map = 1;
        else if (strcmp(w, "NOMAP") == 0) map = 0;
        else if (strcmp(w, "STR") == 0 || strcmp(w, "NOSTR") == 0 || strcmp(w, "SYSTEM") == 0) continue;
        else {
            sayf("DMSMOD003E INVALID OPTION %s", w);
            return 24;
        }
    }
    if (!ldr_loaded) {
        say("DMSMOD040E NO FILES LOADED");
        return 40;
    }
    struct adisk *d = disk_at(mode);
    if (!d) return 36;                  /* as in CMS R6: without a message */
    if (d->fs.readonly) {
        sayf("DMSMOD037E DISK '%c' IS READ/ONLY", mode);
        return 36;
    }
    u32 first = ldr_origin, end = ldr_end;
    if (from[0] && !named_address(from, 0, &first)) {
        sayf("DMSMOD021E ENTRY POINT %s NOT FOUND", from);
        return 40;
    }
    if (to[0] && !named_address(to, 1, &end)) {
        sayf("DMSMOD021E ENTRY POINT %s NOT FOUND", to);
        return 40;
    }
    if (end <= first) {
        say("DMSMOD084E INVALID USE OF FROM AND TO OPTIONS");
        return 24;
    }
    u32 pieces = (end - first + PIECE - 1) / PIECE;
    int entries = 0;
    if (map)
        for (int k = 0; k < ldr_nsymbols; k++)
            if (ldr_symbols[k].kind == SYM_SD || ldr_symbols[k].kind == SYM_LD) entries++;
    u8 header[HEADER];
    memset(header, 0, sizeof header);
    put32(header + 0, ldr_entry);
    put32(header + 4, first);
    put32(header + 8, end);
    put32(header + 12, ldr_end > end ? ldr_end : end);
    put32(header + 16, pieces);
    put16(header + 34, (u32)entries);
    to_ebcdic(header + 36, "VM67MOD ", 8);
    struct writer *w = cms_alloc(sizeof *w);
    u8 *table = entries ? cms_alloc((u32)entries * ENTRY_SIZE) : NULL;
    if (!w || (entries && !table)) {
        cms_free(w);
        say("DMSMOD109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    int rc = fs_create(&d->fs, fn, "MODULE", digit, 'V', 0, w);
    if (!rc) rc = fs_write(w, header, HEADER);
    for (u32 at = first; !rc && at < end; at += PIECE)
        rc = fs_write(w, (const u8 *)at, end - at < PIECE ? end - at : PIECE);
    if (!rc && entries) {
        u8 *e = table;
        for (int k = 0; k < ldr_nsymbols; k++) {
            struct ldr_symbol *s = &ldr_symbols[k];
            if (s->kind != SYM_SD && s->kind != SYM_LD) continue;
            char name[8];
            memset(name, ' ', 8);
            memcpy(name, s->name, strlen(s->name));
            to_ebcdic(e, name, 8);
            put32(e + 8, s->address);
            to_ebcdic(e + 12, s->kind == SYM_SD ? "S" : "L", 1);
            e += ENTRY_SIZE;
        }
        rc = fs_write(w, table, (u32)entries * ENTRY_SIZE);
    }
    if (!rc) rc = fs_commit(w);
    else fs_abandon(w);
    cms_free(table);
    cms_free(w);
    if (rc == FS_FULL) {
        sayf("DMSMOD105S DISK '%c' IS FULL", mode);
        return 100;
    }
    if (rc) {
        sayf("DMSMOD104S ERROR %d WRITING FILE '%s MODULE %c%c' ON DISK", rc, fn, mode, digit);
        return 100;
    }
    return 0;
}

int module_load(const char *fn, const char *command)
{
    struct fileinfo f;
    struct adisk *d = find_module(fn, &f);
    if (!d) {
        sayf("DMS%s002E FILE %s MODULE NOT FOUND", command, fn);
        return 28;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *header = cms_alloc(PIECE);
    int rc = r && header ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    if (rc) {
        cms_free(header);
        cms_free(r);
        sayf("DMSMOD104S ERROR '%d' READING FILE '%s MODULE' FROM DISK.", rc, fn);
        return 100;
    }
    int len = fs_read(r, header, HEADER);
    u32 entry = get32(header), first = get32(header + 4), end = get32(header + 8), high = get32(header + 12);
    u32 pieces = get32(header + 16), entries = get32(header + 32) & 0xFFFF;
    rc = 0;
    if (len < 36 || end < first || high < end) rc = 32;
    else if (first < user_area_start() || high > user_area_end()) {
        say("DMSMOD109S STORAGE EXCEEDED");
        rc = 104;
    }
    u32 at = first;
    for (u32 k = 0; !rc && k < pieces; k++) {
        len = fs_read(r, (u8 *)at, end - at);
        if (len < 0) rc = 32;
        else at += (u32)len;
    }
    if (!rc) {
        ldr_adopt(first, high, entry);
        len = entries ? fs_read(r, header, PIECE) : 0;
        for (u32 k = 0; len > 0 && k < entries && (k + 1) * ENTRY_SIZE <= (u32)len; k++) {
            const u8 *e = header + k * ENTRY_SIZE;
            char name[9], kind;
            from_ebcdic(name, e, 8);
            int n = 8;
            while (n && name[n - 1] == ' ') n--;
            name[n] = 0;
            from_ebcdic(&kind, e + 12, 1);
            ldr_add_symbol(name, kind == 'S' ? SYM_SD : SYM_LD, get32(e + 8), 0);
        }
    } else if (rc == 32) {
        sayf("DMSMOD104S ERROR '%d' READING FILE '%s MODULE' FROM DISK.", rc, fn);
        rc = 100;
    }
    fs_close(r);
    cms_free(header);
    cms_free(r);
    return rc;
}

int cmd_loadmod(struct plist *p)
{
    if (p->count < 2 || p->token[1][0] == '(') {
        say("DMSMOD001E NO FILENAME SPECIFIED");
        return 24;
    }
    return module_load(p->token[1], "MOD");
}

int module_run(struct plist *p)
{
    static u32 plist_area[2 * MAXTOKENS + 2] __attribute__((aligned(8)));
    char fn[9];
    strcpy(fn, p->token[0]);
    int rc = module_load(fn, "MOD");
    if (rc) return rc;
    u8 *plist = (u8 *)plist_area;
    int n = 0;
    for (; n < p->count && n < MAXTOKENS; n++) {
        char padded[8];
        memset(padded, ' ', 8);
        memcpy(padded, p->token[n], strlen(p->token[n]));
        to_ebcdic(plist + 8 * n, padded, 8);
    }
    memset(plist + 8 * n, 0xFF, 8);
    return program_run(ldr_entry, (u32)plist);
}
