/* vm67 CMS: SORT fileid1 fileid2 — sort a file of fixed-length records
 * into a new file (VM/370 R6 CMS).
 *
 * SORT asks DMSSRT604R ENTER SORT FIELDS: and takes pairs `start end` of
 * columns; the first pair is the major field. Records are ordered by the
 * EBCDIC values of the fields, records with equal fields keeping their
 * order. The input must stay: fileid2 may not name it (DMSSRT019E); an
 * existing fileid2 is replaced. */
#include "commands.h"
#include "disks.h"

#define MAXFIELDS 32

struct field { u32 from, length; };
static struct field fields[MAXFIELDS];
static int nfields;
static u8 *records;
static u32 lrecl;

/* The pairs of a line: the count, or -1 (not pairs of 1 <= start <= end). */
static int parse_fields(const char *line)
{
    struct plist *q = cms_alloc(sizeof *q);
    if (!q) return -1;
    tokenize(line, q);
    int n = 0, ok = q->count > 0 && q->count % 2 == 0 && q->count / 2 <= MAXFIELDS;
    for (int i = 0; ok && i < q->count; i += 2) {
        u32 a, b;
        if (!parse_dec(q->token[i], &a) || !parse_dec(q->token[i + 1], &b) || a == 0 || b < a) ok = 0;
        else { fields[n].from = a - 1; fields[n].length = b - a + 1; n++; }
    }
    cms_free(q);
    return ok ? n : -1;
}

/* Compares records a and b by the sort fields (columns past lrecl are blanks). */
static int order(u32 a, u32 b)
{
    const u8 *ra = records + a * lrecl, *rb = records + b * lrecl;
    for (int f = 0; f < nfields; f++)
        for (u32 c = fields[f].from; c < fields[f].from + fields[f].length; c++) {
            u8 x = c < lrecl ? ra[c] : 0x40, y = c < lrecl ? rb[c] : 0x40;
            if (x != y) return x < y ? -1 : 1;
        }
    return 0;
}

/* A stable merge sort of the record numbers. */
static void merge_sort(u32 *index, u32 *scratch, u32 n)
{
    for (u32 width = 1; width < n; width *= 2) {
        for (u32 lo = 0; lo < n; lo += 2 * width) {
            u32 mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
            u32 i = lo, j = mid, k = lo;
            while (i < mid && j < hi) scratch[k++] = order(index[j], index[i]) < 0 ? index[j++] : index[i++];
            while (i < mid) scratch[k++] = index[i++];
            while (j < hi) scratch[k++] = index[j++];
        }
        memcpy(index, scratch, n * sizeof *index);
    }
}

int cmd_sort(struct plist *p)
{
    struct fileid in, out;
    int used = fileid_parse(p, 1, '*', &in);
    int used2 = used == 3 ? fileid_parse(p, 4, 'A', &out) : 0;
    if (used != 3 || used2 != 3) {
        say("DMSSRT054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (p->count > 7) {
        sayf("DMSSRT003E INVALID OPTION '%s'", p->token[7]);
        return 24;
    }
    if (strcmp(in.fn, out.fn) == 0 && strcmp(in.ft, out.ft) == 0 && in.mode == out.mode) {
        say("DMSSRT019E IDENTICAL FILEIDS");
        return 24;
    }
    struct fileinfo f;
    struct adisk *src = file_locate(&in, &f);
    if (!src) {
        char name[32];
        fileid_text(name, &in);
        sayf("DMSSRT002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    if (f.recfm != 'F') {
        sayf("DMSSRT034E FILE '%s %s %c' IS NOT FIXED LENGTH", f.fname, f.ftype, src->mode);
        return 32;
    }
    struct adisk *dst = disk_at(out.mode);
    if (!dst) {
        sayf("DMSSRT069E DISK '%c' NOT ACCESSED", out.mode);
        return 36;
    }
    if (disk_readonly_message("SRT", dst)) return 36;

    say("DMSSRT604R ENTER SORT FIELDS:");
    char line[132];
    cons_read(line, sizeof line);
    nfields = parse_fields(line);
    if (nfields <= 0) {
        say("DMSSRT605E INVALID SORT FIELD PAIR DEFINED");
        return 24;
    }
    lrecl = f.lrecl;
    u32 n = f.items;
    records = cms_alloc(n * lrecl + 1);
    u32 *index = cms_alloc(n * sizeof *index + 4), *scratch = cms_alloc(n * sizeof *scratch + 4);
    struct reader *r = cms_alloc(sizeof *r);
    int rc = 0;
    if (!records || !index || !scratch || !r) {
        say("DMSSRT109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        rc = 104;
    }
    if (!rc && (rc = fs_open(&src->fs, f.fname, f.ftype, r)) != 0) {
        sayf("DMSSRT104S ERROR %d READING FILE '%s %s %c' FROM DISK", rc, f.fname, f.ftype, src->mode);
        rc = 100;
    } else if (!rc) {
        u32 got = 0;
        int len;
        while (got < n && (len = fs_read(r, records + got * lrecl, lrecl)) >= 0) {
            if ((u32)len < lrecl) memset(records + got * lrecl + len, 0x40, lrecl - (u32)len);
            index[got] = got;
            got++;
        }
        fs_close(r);
        n = got;
        merge_sort(index, scratch, n);
        static struct writer w;
        char digit = out.digit ? out.digit : f.fmode_digit;
        rc = fs_create(&dst->fs, out.fn, out.ft, digit, 'F', lrecl, &w);
        for (u32 i = 0; !rc && i < n; i++) rc = fs_write(&w, records + index[i] * lrecl, lrecl);
        if (!rc) rc = fs_commit(&w);
        else fs_abandon(&w);
        if (rc) {
            if (rc == FS_FULL) sayf("DMSSRT105S DISK '%c' IS FULL", dst->mode);
            else sayf("DMSSRT105S ERROR %d WRITING FILE '%s %s %c' ON DISK", rc, out.fn, out.ft, dst->mode);
            rc = 100;
        }
    }
    cms_free(r);
    cms_free(scratch);
    cms_free(index);
    cms_free(records);
    return rc;
}
