/* vm67 CMS: the nucleus functions programs call with SVC 202 and a
 * function PLIST (the macros WRTERM, RDTERM, FSREAD, FSWRITE ...):
 *
 *   TYPLIN  +8 AL1(unit) AL3(line), +12 C'B'|C'R', +13 AL3(length): types a line
 *   WAITRD  +8 AL1(unit) AL3(buffer), +12 C'U' (upper case)|other, +13 AL3:
 *           reads a line (the console stack first) into the buffer (130
 *           bytes); its length in +13 and R0
 *   ATTN    +8 CL4'FIFO'|'LIFO', +12 AL1(length) AL3(line): stacks a line
 *   FSREAD, FSWRITE, FSCLOSE, FSSTATE, FSERASE with the FSCB layout:
 *           +0 CL8 function, +8 CL8 fn, +16 CL8 ft, +24 CL2 fm, +26 H item
 *           number (0 the next), +28 A buffer, +32 F buffer size, +36 CL2
 *           RECFM, +38 H number of items, +40 F bytes read
 *
 * Return codes as CMS gives them: FSREAD 1 file not found, 2 bad buffer
 * address, 8 record longer than the buffer (truncated), 12 end of file;
 * FSWRITE 2 bad buffer, 4 bad mode, 8 no size, 11 RECFM not F or V, 12
 * disk read-only, 13 disk full, 14 size not a multiple of the items, 15
 * LRECL differs, 16 RECFM differs; FSCLOSE 6 not open; FSSTATE and FSERASE
 * 28 not found, 36 disk not accessed (FSERASE 12 read-only).
 *
 * A file a program writes is a new version of the file, made from the old
 * records it does not overwrite; FSCLOSE (or the end of the program) puts
 * it in place, as CMS does at the end of a command. */
#include "commands.h"
#include "loader.h"

#define OPEN_FILES 8
#define RECORD_MAX 65535

struct open_file {
    int used, writing;
    struct adisk *disk;
    char fn[9], ft[9];
    u32 next;                   /* the next item number */
    struct reader *reader;      /* reading: the file; writing: the old version */
    u32 old_items, old_read;
    struct writer *writer;
};
static struct open_file files[OPEN_FILES];
static u8 *record;

static void name8(char *out, const u8 *p)
{
    from_ebcdic(out, p, 8);
    int n = 8;
    while (n && out[n - 1] == ' ') n--;
    out[n] = 0;
    for (int k = 0; k < n; k++) out[k] = (char)toupper((u8)out[k]);
}

static void close_file(struct open_file *f)
{
    int rc = 0;
    if (f->writing) {
        /* The old records after the ones written stay. */
        int len;
        while (!rc && f->reader && (len = fs_read(f->reader, record, RECORD_MAX)) >= 0)
            rc = fs_write(f->writer, record, (u32)len);
        if (!rc) rc = fs_commit(f->writer);
        else fs_abandon(f->writer);
        cms_free(f->writer);
    }
    if (f->reader) {
        fs_close(f->reader);
        cms_free(f->reader);
    }
    memset(f, 0, sizeof *f);
}

/* At the end of a program: its files are closed and the record buffer
 * goes back to nucleus free storage. */
void cms_files_close_all(void)
{
    for (int i = 0; i < OPEN_FILES; i++)
        if (files[i].used) close_file(&files[i]);
    cms_free(record);
    record = NULL;
}

static struct open_file *find_open(const char *fn, const char *ft)
{
    for (int i = 0; i < OPEN_FILES; i++)
        if (files[i].used && strcmp(files[i].fn, fn) == 0 && strcmp(files[i].ft, ft) == 0) return &files[i];
    return NULL;
}

static struct open_file *free_slot(void)
{
    for (int i = 0; i < OPEN_FILES; i++)
        if (!files[i].used) return &files[i];
    return NULL;
}

/* The disk of an FSCB mode: a letter, or blank/'*' for the search order
 * (then *found tells where the file is). */
static struct adisk *fscb_disk(const u8 *fm, const char *fn, const char *ft, struct fileinfo *info)
{
    char mode[2];
    from_ebcdic(mode, fm, 2);
    struct fileid id;
    memset(&id, 0, sizeof id);
    strcpy(id.fn, fn);
    strcpy(id.ft, ft);
    id.mode = (mode[0] == ' ' || mode[0] == '*' || mode[0] == 0) ? '*' : (char)toupper((u8)mode[0]);
    return file_locate(&id, info);
}

static int open_reader(struct open_file *f, struct adisk *d, const char *fn, const char *ft)
{
    f->reader = cms_alloc(sizeof *f->reader);
    if (!f->reader) return FS_NOMEMORY;
    int rc = fs_open(&d->fs, fn, ft, f->reader);
    if (rc) {
        cms_free(f->reader);
        f->reader = NULL;
    }
    return rc;
}

static int fsread(u8 *fscb, u32 *regs)
{
    char fn[9], ft[9];
    name8(fn, fscb + 8);
    name8(ft, fscb + 16);
    u32 item = get16(fscb + 26), size = get32(fscb + 32), items = get16(fscb + 38);
    u8 *buffer = (u8 *)(get32(fscb + 28) & 0xFFFFFF);
    if (!items) items = 1;
    /* Programs read into their own storage, never into the nucleus. */
    if ((u32)buffer < user_area_start() || (u32)buffer + size > storage_size()) return 2;
    struct open_file *f = find_open(fn, ft);
    if (f && f->writing) close_file(f), f = NULL;
    if (!f) {
        struct fileinfo info;
        struct adisk *d = fscb_disk(fscb + 24, fn, ft, &info);
        if (!d) return 1;
        if (!(f = free_slot())) return 10;
        if (open_reader(f, d, fn, ft)) return 3;
        f->used = 1;
        f->disk = d;
        strcpy(f->fn, fn);
        strcpy(f->ft, ft);
        f->next = 1;
    }
    if (item && item != f->next) {          /* another item: read again from the start */
        fs_close(f->reader);
        if (fs_open(&f->disk->fs, fn, ft, f->reader)) return 3;
        f->next = 1;
        while (f->next < item && fs_read(f->reader, record, RECORD_MAX) >= 0) f->next++;
    }
    u32 got = 0;
    int rc = 0;
    for (u32 k = 0; k < items; k++) {
        int len = fs_read(f->reader, record, RECORD_MAX);
        if (len < 0) {
            if (k == 0) rc = 12;
            break;
        }
        f->next++;
        u32 n = (u32)len;
        if (got + n > size) {
            n = size - got;
            rc = 8;
        }
        memcpy(buffer + got, record, n);
        got += n;
        if (rc) break;
    }
    put32(fscb + 40, got);
    regs[0] = got;
    return rc;
}

static int fswrite(u8 *fscb, u32 *regs)
{
    char fn[9], ft[9], mode[3];
    name8(fn, fscb + 8);
    name8(ft, fscb + 16);
    from_ebcdic(mode, fscb + 24, 2);
    mode[2] = 0;
    u32 item = get16(fscb + 26), size = get32(fscb + 32), items = get16(fscb + 38);
    const u8 *buffer = (const u8 *)(get32(fscb + 28) & 0xFFFFFF);
    char recfm;
    from_ebcdic(&recfm, fscb + 36, 1);
    recfm = (char)toupper((u8)recfm);
    if (recfm == ' ' || recfm == 0) recfm = 'F';
    if (recfm != 'F' && recfm != 'V') return 11;
    if (!items) items = 1;
    if (!size) return 8;
    if ((u32)buffer < 0x1000 || (u32)buffer + size > storage_size()) return 2;
    if (recfm == 'F' && size % items) return 14;
    char letter = (mode[0] == ' ' || mode[0] == 0) ? 'A' : (char)toupper((u8)mode[0]);
    char digit = (mode[1] >= '0' && mode[1] <= '9') ? mode[1] : '1';
    if (letter < 'A' || letter > 'Z') return 4;
    struct open_file *f = find_open(fn, ft);
    if (f && !f->writing) close_file(f), f = NULL;
    if (!f) {
        struct adisk *d = disk_at(letter);
        if (!d) return 4;
        if (d->fs.readonly) return 12;
        if (!(f = free_slot())) return 10;
        struct fileinfo old;
        int exists = fs_find(&d->fs, fn, ft, &old);
        u32 lrecl = recfm == 'F' ? size / items : 0;
        if (exists) {
            if (old.recfm != recfm) return 16;
            if (recfm == 'F' && old.lrecl != lrecl) return 15;
            digit = old.fmode_digit;
        }
        f->writer = cms_alloc(sizeof *f->writer);
        if (!f->writer) return 13;
        if (fs_create(&d->fs, fn, ft, digit, recfm, lrecl, f->writer)) {
            cms_free(f->writer);
            f->writer = NULL;
            return 13;
        }
        f->used = f->writing = 1;
        f->disk = d;
        strcpy(f->fn, fn);
        strcpy(f->ft, ft);
        /* The write starts after the old records (item 0) or at `item`:
         * the old ones before it are kept. */
        u32 keep = exists ? old.items : 0;
        if (item && item - 1 < keep) keep = item - 1;
        if (exists && open_reader(f, d, fn, ft) == 0) {
            int len;
            for (u32 k = 0; k < keep && (len = fs_read(f->reader, record, RECORD_MAX)) >= 0; k++)
                fs_write(f->writer, record, (u32)len);
        }
        f->next = keep + 1;
    }
    u32 each = recfm == 'F' ? size / items : size;
    int rc = 0;
    for (u32 k = 0; k < (recfm == 'F' ? items : 1) && !rc; k++) {
        rc = fs_write(f->writer, buffer + k * each, each);
        f->next++;
        /* the old record this one replaces */
        if (f->reader) fs_read(f->reader, record, RECORD_MAX);
    }
    regs[0] = 0;
    if (rc == FS_FULL) return 13;
    return rc ? 13 : 0;
}

static int fsclose(u8 *fscb)
{
    char fn[9], ft[9];
    name8(fn, fscb + 8);
    name8(ft, fscb + 16);
    struct open_file *f = find_open(fn, ft);
    if (!f) return 6;
    close_file(f);
    return 0;
}

static int fsstate(u8 *fscb, u32 *regs)
{
    static u8 fst[FST_SIZE];
    char fn[9], ft[9], mode[2];
    name8(fn, fscb + 8);
    name8(ft, fscb + 16);
    from_ebcdic(mode, fscb + 24, 2);
    if (mode[0] != ' ' && mode[0] != '*' && mode[0] && !disk_at((char)toupper((u8)mode[0]))) return 36;
    struct open_file *f = find_open(fn, ft);
    if (f && f->writing) close_file(f);
    struct fileinfo info;
    if (!fscb_disk(fscb + 24, fn, ft, &info)) return 28;
    memcpy(fst, info.fst, FST_SIZE);
    regs[1] = (u32)fst;
    return 0;
}

static int fserase(u8 *fscb)
{
    char fn[9], ft[9], mode[2];
    name8(fn, fscb + 8);
    name8(ft, fscb + 16);
    from_ebcdic(mode, fscb + 24, 2);
    char letter = (mode[0] == ' ' || mode[0] == 0) ? 'A' : (char)toupper((u8)mode[0]);
    struct adisk *d = disk_at(letter);
    if (!d) return 36;
    struct open_file *f = find_open(fn, ft);
    if (f) close_file(f);
    int rc = fs_erase(&d->fs, fn, ft);
    if (rc == FS_NOTFOUND) return 28;
    if (rc == FS_READONLY) return 12;
    return rc ? 25 : 0;
}

static int typlin(const u8 *plist)
{
    static char line[256];
    const u8 *text = (const u8 *)(get32(plist + 8) & 0xFFFFFF);
    u32 length = get32(plist + 12) & 0xFFFFFF;
    if (length > 255) length = 255;
    if (length && text[length - 1] == 0x15) length--;       /* a new-line character at the end */
    from_ebcdic(line, text, length);
    cons_write(line, length);
    return 0;
}

static int waitrd(u8 *plist, u32 *regs)
{
    char line[131];
    u8 *buffer = (u8 *)(get32(plist + 8) & 0xFFFFFF);
    char how;
    from_ebcdic(&how, plist + 12, 1);
    if ((u32)buffer < user_area_start() || (u32)buffer + 130 > storage_size()) return 2;
    int n = cons_read(line, sizeof line);
    if (how == 'U')
        for (int k = 0; k < n; k++) line[k] = (char)toupper((u8)line[k]);
    to_ebcdic(buffer, line, (size_t)n);
    plist[13] = 0;
    plist[14] = (u8)(n >> 8);
    plist[15] = (u8)n;
    regs[0] = (u32)n;
    return 0;
}

static int attn(const u8 *plist)
{
    char order[5], line[256];
    from_ebcdic(order, plist + 8, 4);
    order[4] = 0;
    u32 length = plist[12];
    from_ebcdic(line, (const u8 *)(get32(plist + 12) & 0xFFFFFF), length);
    line[length] = 0;
    return stack_push(line, strcmp(order, "LIFO") == 0) == 0 ? 0 : 1;
}

int cms_function(u32 *regs, int *rc)
{
    u8 *plist = (u8 *)(regs[1] & 0xFFFFFF);
    if ((u32)plist + 48 > storage_size()) return 0;
    char name[9];
    name8(name, plist);
    if (!record && (strncmp(name, "FS", 2) == 0)) {
        record = cms_alloc(RECORD_MAX + 1);
        if (!record) {
            *rc = 13;
            return 1;
        }
    }
    if (strcmp(name, "TYPLIN") == 0) *rc = typlin(plist);
    else if (strcmp(name, "WAITRD") == 0) *rc = waitrd(plist, regs);
    else if (strcmp(name, "ATTN") == 0) *rc = attn(plist);
    else if (strcmp(name, "FSREAD") == 0) *rc = fsread(plist, regs);
    else if (strcmp(name, "FSWRITE") == 0) *rc = fswrite(plist, regs);
    else if (strcmp(name, "FSCLOSE") == 0) *rc = fsclose(plist);
    else if (strcmp(name, "FSSTATE") == 0) *rc = fsstate(plist, regs);
    else if (strcmp(name, "FSERASE") == 0) *rc = fserase(plist);
    else return 0;
    return 1;
}
