/* vm67 CMS: the editors' file buffer. The whole file is held in storage
 * while it is edited: each line in a fixed-size slot (a length halfword and
 * up to ED_MAXLRECL characters, ASCII), the slots and the table of lines in
 * the user area, which no program uses while an editor runs (as CMS EDIT's
 * work storage is user free storage). Fixed slots need no compaction: a
 * deleted line's slot goes on a free list. The file is written through the
 * file system, which replaces the old file only with its single commit. */
#include "editor.h"

#define SLOT_SIZE ((2 + ED_MAXLRECL + 3) & ~3u)

u32 ed_default_lrecl(const char *ft)
{
    if (strcmp(ft, "LISTING") == 0) return 121;
    if (strcmp(ft, "SCRIPT") == 0 || strcmp(ft, "VSBDATA") == 0) return 132;
    if (strcmp(ft, "FREEFORT") == 0) return 81;
    return 80;
}

static void storage_setup(struct editor *e)
{
    u32 start = (user_area_start() + 7) & ~7u;
    u32 size = user_area_end() - start;
    e->slot_size = SLOT_SIZE;
    e->max_lines = size / (e->slot_size + 4);
    e->lines = (u8 **)start;
    e->slots = (u8 *)(start + e->max_lines * 4);
    e->slots_total = e->max_lines;
    e->slots_used = 0;
    e->free_slot = NULL;
    e->count = 0;
}

static u8 *slot_take(struct editor *e)
{
    if (e->free_slot) {
        u8 *s = e->free_slot;
        memcpy(&e->free_slot, s, sizeof(u8 *));
        return s;
    }
    if (e->slots_used == e->slots_total) return NULL;
    return e->slots + e->slot_size * e->slots_used++;
}

static void slot_give(struct editor *e, u8 *s)
{
    memcpy(s, &e->free_slot, sizeof(u8 *));
    e->free_slot = s;
}

static void slot_fill(struct editor *e, u8 *s, const char *text, u32 len)
{
    if (len > e->lrecl) len = e->lrecl;
    s[0] = (u8)(len >> 8);
    s[1] = (u8)len;
    memcpy(s + 2, text, len);
}

const char *ed_text(struct editor *e, u32 n, u32 *len)
{
    u8 *s = e->lines[n - 1];
    *len = (u32)s[0] << 8 | s[1];
    return (const char *)s + 2;
}

int ed_insert(struct editor *e, u32 after, const char *text, u32 len)
{
    if (e->count == e->max_lines) return -1;
    u8 *s = slot_take(e);
    if (!s) return -1;
    slot_fill(e, s, text, len);
    memmove(&e->lines[after + 1], &e->lines[after], (e->count - after) * sizeof(u8 *));
    e->lines[after] = s;
    e->count++;
    e->changed = 1;
    e->alterations++;
    return 0;
}

int ed_replace(struct editor *e, u32 n, const char *text, u32 len)
{
    slot_fill(e, e->lines[n - 1], text, len);
    e->changed = 1;
    e->alterations++;
    return 0;
}

void ed_delete(struct editor *e, u32 n)
{
    slot_give(e, e->lines[n - 1]);
    memmove(&e->lines[n - 1], &e->lines[n], (e->count - n) * sizeof(u8 *));
    e->count--;
    e->changed = 1;
    e->alterations++;
}

/* The disk the file is on, or the disk it will be written to. */
static struct adisk *home_disk(const struct fileid *id, struct fileinfo *f, int *found)
{
    struct fileid where = *id;
    if (where.mode == 0) where.mode = 'A';
    struct adisk *d = file_locate(&where, f);
    *found = d != NULL;
    if (d) return d;
    return disk_at(where.mode == '*' ? 'A' : where.mode);
}

int ed_open(struct editor *e, const struct fileid *id, u32 lrecl_option, const char *module)
{
    struct fileinfo f;
    int found;
    struct adisk *d = home_disk(id, &f, &found);
    if (!d) {
        sayf("DMS%s069E DISK '%c' NOT ACCESSED", module, id->mode == '*' ? 'A' : id->mode);
        return 36;
    }
    strcpy(e->fn, id->fn);
    strcpy(e->ft, id->ft);
    /* A file on a read-only extension is written to the parent disk. */
    e->mode = found && d->parent && d->fs.readonly ? d->parent : d->mode;
    e->digit = id->digit ? id->digit : (found ? f.fmode_digit : '1');
    e->changed = 0;
    storage_setup(e);
    if (!found) {
        e->is_new = 1;
        e->recfm = 'F';
        e->lrecl = lrecl_option ? lrecl_option : ed_default_lrecl(e->ft);
        return 0;
    }
    e->is_new = 0;
    e->recfm = f.recfm;
    e->lrecl = f.lrecl;
    if (e->recfm == 'V' && e->lrecl < ed_default_lrecl(e->ft)) e->lrecl = ed_default_lrecl(e->ft);
    if (lrecl_option) e->lrecl = lrecl_option;
    if (e->lrecl > ED_MAXLRECL) {
        sayf("DMS%s132S FILE '%s %s %c' TOO LARGE", module, e->fn, e->ft, d->mode);
        return 88;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(65536);
    char *text = cms_alloc(ED_MAXLRECL + 1);
    int rc = r && rec && text ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    if (rc == 0) {
        int len;
        while ((len = fs_read(r, rec, 65536)) >= 0) {
            u32 n = (u32)len > e->lrecl ? e->lrecl : (u32)len;
            from_ebcdic(text, rec, n);
            if (e->recfm == 'F')
                while (n && text[n - 1] == ' ') n--;
            if (ed_insert(e, e->count, text, n)) {
                rc = -1;
                break;
            }
        }
        fs_close(r);
    }
    cms_free(text);
    cms_free(rec);
    cms_free(r);
    e->changed = 0;
    e->alterations = 0;
    if (rc == -1 || rc == FS_NOMEMORY) {
        sayf("DMS%s132S FILE '%s %s %c' TOO LARGE", module, e->fn, e->ft, d->mode);
        return 88;
    }
    if (rc) {
        sayf("DMS%s104S ERROR %d READING FILE '%s %s %c' FROM DISK", module, rc, e->fn, e->ft, d->mode);
        return 100;
    }
    return 0;
}

void ed_close(struct editor *e)
{
    e->count = 0;
    e->slots_used = 0;
    e->free_slot = NULL;
}

/* Columns 73-80 of an F file when SERIAL is on: the id and the number. */
static void serialize(struct editor *e, u8 *rec, u32 number)
{
    char field[9];
    if (e->serial == 2) format(field, sizeof field, "%08u", number);
    else format(field, sizeof field, "%s%05u", e->serial_id, number % 100000);
    to_ebcdic(rec + 72, field, 8);
}

int ed_write(struct editor *e, const char *fn, const char *ft, char mode, char digit)
{
    if (!fn) {
        fn = e->fn;
        ft = e->ft;
        mode = e->mode;
        digit = e->digit;
    }
    struct adisk *d = disk_at(mode);
    if (!d) {
        ed_say(e, "DMS%s069E DISK '%c' NOT ACCESSED", e->module, mode);
        return 36;
    }
    if (d->fs.readonly) {
        ed_say(e, "DMS%s037E DISK '%c' IS READ/ONLY", e->module, mode);
        return 36;
    }
    if (e->count == 0) {
        /* CMS keeps no empty files: an emptied file is erased. */
        struct fileinfo f;
        int rc = fs_find(&d->fs, fn, ft, &f) ? fs_erase(&d->fs, fn, ft) : 0;
        if (rc) {
            ed_say(e, "DMS%s104S ERROR %d WRITING FILE '%s %s %c' ON DISK", e->module, rc, fn, ft, mode);
            return 100;
        }
        e->changed = 0;
        e->alterations = 0;
        return 0;
    }
    struct writer *w = cms_alloc(sizeof *w);
    u8 *rec = cms_alloc(ED_MAXLRECL + 1);
    if (!w || !rec) {
        cms_free(w);
        cms_free(rec);
        ed_say(e, "DMS%s109S VIRTUAL STORAGE CAPACITY EXCEEDED", e->module);
        return 104;
    }
    int rc = fs_create(&d->fs, fn, ft, digit ? digit : '1', e->recfm, e->lrecl, w);
    for (u32 n = 1; !rc && n <= e->count; n++) {
        u32 len;
        const char *text = ed_text(e, n, &len);
        u32 out = len;
        if (e->recfm == 'F') {
            memset(rec, 0x40, e->lrecl);
            out = e->lrecl;
        } else if (len == 0) {
            rec[0] = 0x40;              /* a V record is never empty */
            out = 1;
        }
        to_ebcdic(rec, text, len);
        if (e->serial && e->recfm == 'F' && e->lrecl >= 80) serialize(e, rec, n * e->serial_incr);
        rc = fs_write(w, rec, out);
    }
    if (!rc) rc = fs_commit(w);
    else fs_abandon(w);
    cms_free(rec);
    cms_free(w);
    if (rc == FS_FULL) {
        ed_say(e, "DMS%s105S DISK '%c' IS FULL", e->module, mode);
        return 100;
    }
    if (rc) {
        ed_say(e, "DMS%s104S ERROR %d WRITING FILE '%s %s %c' ON DISK", e->module, rc, fn, ft, mode);
        return 100;
    }
    if (fn == e->fn || (strcmp(fn, e->fn) == 0 && strcmp(ft, e->ft) == 0 && mode == e->mode)) {
        e->changed = 0;
        e->alterations = 0;
        e->is_new = 0;
    }
    return 0;
}
