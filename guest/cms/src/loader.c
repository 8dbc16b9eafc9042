/* vm67 CMS: the relocating loader. It reads TEXT files, 80-byte card
 * images in the OS/360 object format, into the user area:
 *
 *   ESD  cols 11-12 byte count, 15-16 the ESDID of the first SD/PC/ER/CM
 *        item, 17-64 items of 16 bytes: name(8) type(1: 00 SD, 01 LD,
 *        02 ER, 04 PC, 05 CM, 0A WX) address(3) flags(1) length(3; for LD
 *        the ESDID of its section)
 *   TXT  cols 6-8 address, 11-12 byte count, 15-16 ESDID, 17-72 the bytes
 *   RLD  cols 11-12 byte count, 17-72 items: R-ESDID(2) P-ESDID(2) flag(1)
 *        address(3); flag bits 0-3 type (0 A, 1 V), 4-5 length-1, 6 minus,
 *        7 the next item has the same ESDIDs (and is flag and address only)
 *   END  cols 6-8 the entry address and 15-16 its ESDID, or cols 17-24 a name
 *   REP  cols 7-12 address, 15-16 ESDID, 17-70 hex halfwords, commas between
 *
 * Sections are placed one after the other on doubleword boundaries from the
 * origin (X'20000', the start of the user area, unless ORIGIN says
 * otherwise). A reference to a name not defined yet is remembered, with the
 * places that hold it, until the name is defined by a later deck or file,
 * by the AUTO search (`name TEXT` on an accessed disk), or never: then it
 * is listed by DMSLIO201W and its address constants stay relocated by 0.
 * A file named on LOAD that no disk holds is such a name too (as in CMS). */
#include "commands.h"
#include "loader.h"

#define MAXSYMBOLS 512
#define MAXFIXUPS 1024
#define MAXESDID 512
#define MAXMAP 400
#define MAPLINE 100

struct fixup { u32 at; u8 length, negative; u16 symbol; };

/* One deck's ESDIDs. */
enum { ID_NONE, ID_SECTION, ID_SKIPPED, ID_SYMBOL };
struct esdid { u8 what; u16 symbol; u32 relocation; };

struct ldr_symbol *ldr_symbols;
int ldr_nsymbols;
int ldr_loaded;
int ldr_has_entry;
u32 ldr_origin, ldr_end, ldr_entry;

static struct fixup *fixups;
static int nfixups;
static struct esdid *ids;
static char (*map)[MAPLINE + 1];
static int nmap;
static int map_appends;         /* INCLUDE: the map adds to LOAD MAP A5 */
static struct ldr_options opt;
static u32 next_address;        /* where the next section goes */
static int entry_set;           /* an END card named the entry */
static int private_count;
static int warnings;
static int failure;             /* a return code: stop loading */
static char current_file[24];

/* The loader table and the waiting references stay between commands
 * (START, INCLUDE, GENMOD need them); the ESDIDs and the map lines only
 * while LOAD or INCLUDE runs: nucleus free storage is not plentiful. */
static int tables(void)
{
    if (!ldr_symbols) ldr_symbols = cms_alloc(MAXSYMBOLS * sizeof *ldr_symbols);
    if (!fixups) fixups = cms_alloc(MAXFIXUPS * sizeof *fixups);
    return ldr_symbols && fixups;
}

static int work_tables(void)
{
    if (!ids) ids = cms_alloc(MAXESDID * sizeof *ids);
    if (!map) map = cms_alloc(MAXMAP * sizeof *map);
    return ids && map;
}

static void map_line(const char *fmt, ...)
{
    if (nmap == MAXMAP) return;
    va_list ap;
    va_start(ap, fmt);
    vformat(map[nmap], MAPLINE + 1, fmt, ap);
    va_end(ap);
    if (opt.type) say(map[nmap]);
    nmap++;
}

static int fail(int rc)
{
    if (!failure) failure = rc;
    return rc;
}

int ldr_begin(const struct ldr_options *o, int include)
{
    if (!tables() || !work_tables()) {
        say("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    opt = *o;
    failure = 0;
    warnings = 0;
    nmap = 0;
    map_appends = include && ldr_loaded;
    if (!include || !ldr_loaded) {
        ldr_nsymbols = 0;
        nfixups = 0;
        private_count = 0;
        entry_set = 0;
        ldr_origin = opt.origin ? opt.origin : user_area_start();
        next_address = ldr_origin;
        ldr_end = ldr_origin;
        ldr_entry = 0;
    } else if (opt.origin) {
        next_address = opt.origin;
    }
    ldr_loaded = 1;
    if (opt.clear) memset((void *)next_address, 0, user_area_end() - next_address);
    return 0;
}

/* ---- the loader table ---- */

static int find(const char *name)
{
    for (int i = 0; i < ldr_nsymbols; i++)
        if (strcmp(ldr_symbols[i].name, name) == 0) return i;
    return -1;
}

int ldr_lookup(const char *name, u32 *address)
{
    int i = find(name);
    if (i < 0 || ldr_symbols[i].kind == SYM_ER || ldr_symbols[i].kind == SYM_CM) return 0;
    *address = ldr_symbols[i].address;
    return 1;
}

int ldr_add_symbol(const char *name, char kind, u32 address, u32 length)
{
    if (!tables() || ldr_nsymbols == MAXSYMBOLS) return -1;
    struct ldr_symbol *s = &ldr_symbols[ldr_nsymbols];
    memset(s, 0, sizeof *s);
    strcpy(s->name, name);
    s->kind = kind;
    s->address = address;
    s->length = length;
    return ldr_nsymbols++;
}

static void patch(u32 at, int length, int negative, u32 value)
{
    u8 *p = (u8 *)at;
    u32 v = 0;
    for (int k = 0; k < length; k++) v = v << 8 | p[k];
    v = negative ? v - value : v + value;
    for (int k = length - 1; k >= 0; k--, v >>= 8) p[k] = (u8)v;
}

/* A name gets its address: the places waiting for it are filled in. */
static void resolve(int symbol)
{
    u32 value = ldr_symbols[symbol].address;
    for (int i = 0; i < nfixups;) {
        if (fixups[i].symbol == symbol) {
            patch(fixups[i].at, fixups[i].length, fixups[i].negative, value);
            fixups[i] = fixups[--nfixups];
        } else {
            i++;
        }
    }
}

/* Defines a name; -1 (after DMSLIO202W) when it is defined already. */
static int define(const char *name, char kind, u32 address, u32 length)
{
    int i = find(name);
    if (i >= 0 && ldr_symbols[i].kind != SYM_ER && ldr_symbols[i].kind != SYM_CM) {
        if (opt.dup) sayf("DMSLIO202W DUPLICATE IDENTIFIER '%s'", name);
        warnings = 1;
        return -1;
    }
    if (i < 0) i = ldr_add_symbol(name, kind, address, length);
    if (i < 0) {
        say("DMSLIO116S LOADER TABLE OVERFLOW");
        fail(104);
        return -1;
    }
    ldr_symbols[i].kind = kind;
    ldr_symbols[i].address = address;
    ldr_symbols[i].length = length;
    ldr_symbols[i].weak = 0;
    resolve(i);
    return i;
}

/* A reference (ER, WX) or a common (CM): the name's entry. */
static int refer(const char *name, char kind, int weak, u32 length)
{
    int i = find(name);
    if (i < 0) {
        i = ldr_add_symbol(name, kind, 0, length);
        if (i < 0) {
            say("DMSLIO116S LOADER TABLE OVERFLOW");
            fail(104);
            return -1;
        }
        ldr_symbols[i].weak = (u8)weak;
        return i;
    }
    struct ldr_symbol *s = &ldr_symbols[i];
    if (s->kind == SYM_ER && kind == SYM_CM) s->kind = SYM_CM;
    if (s->kind == SYM_CM && length > s->length) s->length = length;
    if (!weak) s->weak = 0;
    return i;
}

static int defined(int symbol)
{
    char k = ldr_symbols[symbol].kind;
    return k == SYM_SD || k == SYM_LD;
}

/* ---- cards ---- */

static u32 field(const u8 *p, int n)
{
    u32 v = 0;
    while (n--) v = v << 8 | *p++;
    return v;
}

static void name_of(char *out, const u8 *ebcdic)
{
    from_ebcdic(out, ebcdic, 8);
    int n = 8;
    while (n && out[n - 1] == ' ') n--;
    out[n] = 0;
}

static int in_user_area(u32 address, u32 length)
{
    return address >= user_area_start() && address + length <= user_area_end() && address + length >= address;
}

static void esd_card(const u8 *card)
{
    u32 bytes = field(card + 10, 2);
    u32 id = field(card + 14, 2);
    if (bytes > 48) bytes = 48;
    for (u32 at = 16; at < 16 + bytes && !failure; at += 16) {
        const u8 *item = card + at;
        char name[9];
        name_of(name, item);
        u8 type = item[8];
        u32 address = field(item + 9, 3);
        u32 length = field(item + 13, 3);
        if (type == 0x01) {                         /* LD: in the section of ESDID `length` */
            struct esdid *s = length < MAXESDID ? &ids[length] : NULL;
            if (!s || s->what == ID_SKIPPED || s->what == ID_NONE) continue;
            u32 where = address + s->relocation;
            if (define(name, SYM_LD, where, 0) >= 0) map_line(" %-8s    %06X", name, where);
            continue;
        }
        if (id >= MAXESDID) {
            say("DMSLIO169S ESDID TABLE OVERFLOW");
            fail(104);
            return;
        }
        struct esdid *e = &ids[id++];
        memset(e, 0, sizeof *e);
        if (type == 0x00 || type == 0x04) {         /* SD, PC */
            u32 where = (next_address + 7) & ~7u;
            if (type == 0x00 && name[0]) {
                int old = find(name);
                if (old >= 0 && defined(old)) {
                    /* A second copy of a section: references use the first. */
                    if (opt.dup) sayf("DMSLIO202W DUPLICATE IDENTIFIER '%s'", name);
                    warnings = 1;
                    e->what = ID_SKIPPED;
                    e->relocation = ldr_symbols[old].address - address;
                    continue;
                }
            }
            if (!in_user_area(where, length)) {
                say("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
                fail(104);
                return;
            }
            e->what = ID_SECTION;
            e->relocation = where - address;
            next_address = where + length;
            if (next_address > ldr_end) ldr_end = next_address;
            if (type == 0x00 && name[0]) {
                if (define(name, SYM_SD, where, length) < 0 && failure) return;
                map_line(" %-8s SD %06X", name, where);
            } else {
                map_line(" .%06d  SD %06X", ++private_count, where);
            }
        } else if (type == 0x02 || type == 0x0A || type == 0x05) {   /* ER, WX, CM */
            int s = refer(name, type == 0x05 ? SYM_CM : SYM_ER, type == 0x0A, type == 0x05 ? length : 0);
            if (s < 0) return;
            e->what = ID_SYMBOL;
            e->symbol = (u16)s;
        }
        /* Other types (XD pseudo registers) have no place in storage. */
    }
}

static int section_address(u32 id, u32 address, u32 *out)
{
    if (id >= MAXESDID || ids[id].what != ID_SECTION) return 0;
    *out = address + ids[id].relocation;
    return 1;
}

static void txt_card(const u8 *card)
{
    u32 address = field(card + 5, 3), count = field(card + 10, 2), id = field(card + 14, 2), at;
    if (count > 56) count = 56;
    if (!section_address(id, address, &at)) return;      /* a skipped duplicate */
    if (!in_user_area(at, count)) {
        say("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        fail(104);
        return;
    }
    memcpy((void *)at, card + 16, count);
}

static void rld_card(const u8 *card)
{
    u32 count = field(card + 10, 2);
    if (count > 56) count = 56;
    u32 r = 0, p = 0;
    int same = 0;
    for (u32 k = 16; k < 16 + count;) {
        if (!same) {
            r = field(card + k, 2);
            p = field(card + k + 2, 2);
            k += 4;
        }
        u8 flag = card[k];
        u32 address = field(card + k + 1, 3);
        k += 4;
        same = flag & 0x01;
        int length = ((flag >> 2) & 3) + 1;
        int negative = (flag & 0x02) != 0;
        u32 at;
        if (!section_address(p, address, &at) || !in_user_area(at, (u32)length)) continue;
        if (r >= MAXESDID) continue;
        struct esdid *e = &ids[r];
        if (e->what == ID_SECTION || e->what == ID_SKIPPED) {
            /* A constant that holds an address in a section of this deck
             * (A-type, or V-type for its own section): add the relocation. */
            patch(at, length, negative, e->relocation);
        } else if (e->what == ID_SYMBOL) {
            int s = e->symbol;
            if (defined(s)) {
                patch(at, length, negative, ldr_symbols[s].address);
            } else if (nfixups < MAXFIXUPS) {
                fixups[nfixups++] = (struct fixup){ at, (u8)length, (u8)negative, (u16)s };
            } else {
                say("DMSLIO116S LOADER TABLE OVERFLOW");
                fail(104);
                return;
            }
        }
    }
}

static void end_card(const u8 *card)
{
    if (entry_set) return;
    u32 address = field(card + 5, 3), id = field(card + 14, 2), at;
    if (card[16] != 0x40 && card[16] != 0) {
        char name[9];
        name_of(name, card + 16);
        if (!opt.reset[0]) strcpy(opt.reset, name);
        return;
    }
    if (id && section_address(id, address, &at)) {
        ldr_entry = at;
        entry_set = 1;
    }
}

static int hexdigit(u8 c)
{
    if (c >= 0xF0 && c <= 0xF9) return c - 0xF0;
    if (c >= 0xC1 && c <= 0xC6) return c - 0xC1 + 10;
    return -1;
}

/* REP: cols 7-12 the address, 15-16 the ESDID (hex), from col 17 halfwords
 * in hex separated by commas, to the first blank. */
static void rep_card(const u8 *card)
{
    u32 address = 0, id = 0, at;
    for (int k = 6; k < 12; k++) {
        int d = hexdigit(card[k]);
        if (d >= 0) address = address * 16 + (u32)d;
    }
    for (int k = 12; k < 16; k++) {
        int d = hexdigit(card[k]);
        if (d >= 0) id = id * 16 + (u32)d;
    }
    if (!section_address(id, address, &at) || !in_user_area(at, 28)) return;
    u8 *to = (u8 *)at;
    for (int k = 16; k + 4 <= 71; k += 5) {
        int h[4];
        for (int j = 0; j < 4; j++) h[j] = hexdigit(card[k + j]);
        if (h[0] < 0 || h[1] < 0 || h[2] < 0 || h[3] < 0) break;
        *to++ = (u8)(h[0] << 4 | h[1]);
        *to++ = (u8)(h[2] << 4 | h[3]);
        if (card[k + 4] != 0x6B) break;            /* ',' */
    }
}

static int is(const u8 *card, const char *type)
{
    u8 e[3];
    to_ebcdic(e, type, 3);
    return card[0] == 0x02 && memcmp(card + 1, e, 3) == 0;
}

/* A card that is not part of an object deck: `ENTRY name` names the entry
 * point; others are listed in the map as INVALID CARD. */
static void other_card(const u8 *card)
{
    char text[73];
    from_ebcdic(text, card, 72);
    text[72] = 0;
    for (int k = 0; k < 72; k++)
        if ((u8)text[k] < 0x20 || (u8)text[k] > 0x7E) text[k] = '.';
    int n = 72;
    while (n && text[n - 1] == ' ') n--;
    text[n] = 0;
    if (strncmp(text, " ENTRY ", 7) == 0) {
        char *s = text + 7;
        while (*s == ' ') s++;
        int k = 0;
        while (s[k] && s[k] != ' ' && k < 8) k++;
        s[k] = 0;
        if (!opt.reset[0]) strcpy(opt.reset, s);
        return;
    }
    if (opt.invalid_cards) map_line(" INVALID CARD - %s", text);
}

int ldr_load_file(const char *fn)
{
    struct fileid id;
    memset(&id, 0, sizeof id);
    strcpy(id.fn, fn);
    strcpy(id.ft, "TEXT");
    id.mode = '*';
    struct fileinfo f;
    struct adisk *d = file_locate(&id, &f);
    if (!d) {
        /* As in CMS: the name is then one to resolve, and is listed with
         * the undefined names unless a later file defines it. */
        if (find(fn) < 0 && refer(fn, SYM_ER, 0, 0) >= 0) ldr_symbols[find(fn)].searched = 1;
        return failure;
    }
    format(current_file, sizeof current_file, "%s TEXT %c%c", f.fname, d->mode, f.fmode_digit);
    struct reader *r = cms_alloc(sizeof *r);
    if (!r) {
        say("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return fail(104);
    }
    int rc = fs_open(&d->fs, f.fname, f.ftype, r);
    if (rc) {
        sayf("DMSLIO104S ERROR %d READING FILE '%s' FROM DISK", rc, current_file);
        cms_free(r);
        return fail(100);
    }
    u8 card[81];
    int len, deck_open = 0, bad = 0;
    while (!failure && (len = fs_read(r, card, 80)) >= 0) {
        if (len < 80) memset(card + len, 0x40, (size_t)(80 - len));
        if (!deck_open) {
            memset(ids, 0, MAXESDID * sizeof *ids);
            deck_open = 1;
        }
        if (is(card, "ESD")) esd_card(card);
        else if (is(card, "TXT")) txt_card(card);
        else if (is(card, "RLD")) rld_card(card);
        else if (is(card, "END")) {
            end_card(card);
            deck_open = 0;
        } else if (is(card, "REP")) {
            if (opt.reps) rep_card(card);
        } else if (is(card, "SYM")) {
            /* symbol tables for TEST: nothing to load */
        } else if (card[0] == 0x02) {
            bad = 1;
        } else {
            other_card(card);
        }
    }
    fs_close(r);
    cms_free(r);
    if (bad && !failure) {
        sayf("DMSLIO056E FILE '%s' CONTAINS INVALID RECORD FORMATS", current_file);
        return fail(32);
    }
    return failure;
}

static int undefined(int i)
{
    return ldr_symbols[i].kind == SYM_ER && !ldr_symbols[i].weak;
}

/* Writes LOAD MAP A5 (F 100): the map lines of this load, after those of
 * the LOAD before (INCLUDE). */
static void write_map(void)
{
    struct adisk *a = disk_at('A');
    if (!a || a->fs.readonly) return;
    struct writer *w = cms_alloc(sizeof *w);
    struct reader *r = map_appends ? cms_alloc(sizeof *r) : NULL;
    if (!w || (map_appends && !r)) {
        cms_free(w);
        return;
    }
    u8 record[MAPLINE];
    int rc = fs_create(&a->fs, "LOAD", "MAP", '5', 'F', MAPLINE, w);
    if (!rc && r && fs_open(&a->fs, "LOAD", "MAP", r) == 0) {
        while (!rc && fs_read(r, record, MAPLINE) >= 0) rc = fs_write(w, record, MAPLINE);
        fs_close(r);
    }
    cms_free(r);
    for (int i = 0; i < nmap && !rc; i++) {
        memset(record, 0x40, MAPLINE);
        to_ebcdic(record, map[i], strlen(map[i]));
        rc = fs_write(w, record, MAPLINE);
    }
    if (!rc) rc = fs_commit(w);
    else fs_abandon(w);
    if (rc == FS_FULL) say("DMSLIO105S DISK 'A' IS FULL");
    cms_free(w);
}

int ldr_finish(void)
{
    if (failure) return failure;
    /* AUTO: a TEXT file named after each undefined name, until none helps. */
    if (opt.autolib) {
        int progress = 1;
        while (progress && !failure) {
            progress = 0;
            for (int i = 0; i < ldr_nsymbols && !failure; i++) {
                if (!undefined(i) || ldr_symbols[i].searched) continue;
                ldr_symbols[i].searched = 1;
                struct fileid id;
                struct fileinfo f;
                memset(&id, 0, sizeof id);
                strcpy(id.fn, ldr_symbols[i].name);
                strcpy(id.ft, "TEXT");
                id.mode = '*';
                if (!file_locate(&id, &f)) continue;
                char fn[9];
                strcpy(fn, ldr_symbols[i].name);
                ldr_load_file(fn);
                if (defined(i)) progress = 1;
            }
        }
        if (failure) return failure;
    }
    /* Commons go after everything else. */
    for (int i = 0; i < ldr_nsymbols; i++) {
        struct ldr_symbol *s = &ldr_symbols[i];
        if (s->kind != SYM_CM) continue;
        u32 where = (next_address + 7) & ~7u;
        if (!in_user_area(where, s->length)) {
            say("DMSLIO109S VIRTUAL STORAGE CAPACITY EXCEEDED");
            return fail(104);
        }
        memset((void *)where, 0, s->length);
        s->kind = SYM_SD;
        s->address = where;
        next_address = where + s->length;
        if (next_address > ldr_end) ldr_end = next_address;
        resolve(i);
        map_line(" %-8s CM %06X", s->name[0] ? s->name : "", where);
    }
    /* The entry: RESET or an ENTRY card by name, else the first END that
     * names one, else the first byte loaded. */
    if (opt.reset[0]) {
        u32 at;
        if (!ldr_lookup(opt.reset, &at)) {
            sayf("DMSLIO021E ENTRY POINT '%s' NOT FOUND", opt.reset);
            return fail(40);
        }
        ldr_entry = at;
        entry_set = 1;
    }
    if (!entry_set) ldr_entry = ldr_origin;
    /* Nothing loaded at all (only missing files): no entry point. */
    ldr_has_entry = entry_set || ldr_end > ldr_origin;
    int rc = warnings ? 4 : 0;
    int count = 0;
    for (int i = 0; i < ldr_nsymbols; i++) if (undefined(i)) count++;
    if (count) {
        say("DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:");
        char line[80];
        int n = 0, at = 0;
        for (int i = 0; i < ldr_nsymbols; i++) {
            if (!undefined(i)) continue;
            at += format(line + at, sizeof line - (size_t)at, " %-8s", ldr_symbols[i].name);
            if (++n % 8 == 0 || n == count) {
                while (at && line[at - 1] == ' ') at--;
                line[at] = 0;
                say(line);
                at = 0;
            }
        }
        rc = 4;
    }
    /* Unresolved references stay relocated by 0, and remembered: an
     * INCLUDE that defines the name fills them in. */
    if (opt.map) write_map();
    return rc;
}

void ldr_end_command(void)
{
    cms_free(ids);
    cms_free(map);
    ids = NULL;
    map = NULL;
    nmap = 0;
}

void ldr_adopt(u32 origin, u32 end, u32 entry)
{
    tables();
    ldr_nsymbols = 0;
    nfixups = 0;
    nmap = 0;
    ldr_origin = origin;
    ldr_end = end;
    ldr_entry = entry;
    next_address = end;
    entry_set = 1;
    ldr_loaded = 1;
    ldr_has_entry = 1;
}
