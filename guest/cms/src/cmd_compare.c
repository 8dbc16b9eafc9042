/* vm67 CMS: COMPARE fileid1 fileid2 [(COL mmm[-nnn]] — compare two files
 * record for record (VM/370 R6 CMS).
 *
 * Both file identifiers are complete (fn ft fm); `=` in fileid2 repeats the
 * field of fileid1, though not all three. DMSCMP179I names the files; each
 * pair of records that differ (in the columns given) is typed, the first
 * file's record and then the second's; at the end DMSCMP209W FILES DO NOT
 * COMPARE (return code 4) when any did. HT stops the typing. */
#include "commands.h"
#include "disks.h"

/* fn ft fm at token `first`, all three; '=' fields from `like`. 0 when incomplete. */
static int full_fileid(struct plist *p, int first, const struct fileid *like, struct fileid *id)
{
    memset(id, 0, sizeof *id);
    for (int k = 0; k < 3; k++)
        if (first + k >= p->count || p->token[first + k][0] == '(') return 0;
    const char *fn = p->token[first], *ft = p->token[first + 1], *fm = p->token[first + 2];
    strcpy(id->fn, like && strcmp(fn, "=") == 0 ? like->fn : fn);
    strcpy(id->ft, like && strcmp(ft, "=") == 0 ? like->ft : ft);
    if (like && strcmp(fm, "=") == 0) {
        id->mode = like->mode;
        id->digit = like->digit;
    } else {
        id->mode = fm[0];
        if (isdigit((u8)fm[1])) id->digit = fm[1];
    }
    return 1;
}

/* `mmm-nnn`, `mmm-` or `mmm` (then perhaps `nnn` as the next token). */
static int columns(struct plist *p, int *i, u32 *from, u32 *to)
{
    if (*i >= p->count) return 0;
    char text[9];
    strcpy(text, p->token[*i]);
    char *dash = text;
    while (*dash && *dash != '-') dash++;
    int has_dash = *dash == '-';
    *dash = 0;
    if (!parse_dec(text, from) || *from == 0) return 0;
    *to = 0xFFFF;
    if (has_dash && dash[1]) {
        if (!parse_dec(dash + 1, to)) return 0;
    } else if (!has_dash && *i + 1 < p->count && isdigit((u8)p->token[*i + 1][0])) {
        (*i)++;
        if (!parse_dec(p->token[*i], to)) return 0;
    }
    return *to >= *from;
}

/* The record as text, F records without their trailing blanks. */
static void type_record(const u8 *rec, int len, char recfm, char *text)
{
    from_ebcdic(text, rec, (size_t)len);
    if (recfm == 'F')
        while (len && text[len - 1] == ' ') len--;
    cons_write(text, (size_t)len);
}

/* The columns from..to of two records are equal (a shorter record counts
 * as blanks beyond its end). */
static int same(const u8 *a, int alen, const u8 *b, int blen, u32 from, u32 to)
{
    for (u32 c = from - 1; c < to; c++) {
        if ((int)c >= alen && (int)c >= blen) break;
        u8 x = (int)c < alen ? a[c] : 0x40, y = (int)c < blen ? b[c] : 0x40;
        if (x != y) return 0;
    }
    return 1;
}

int cmd_compare(struct plist *p)
{
    struct fileid id1, id2;
    if (!full_fileid(p, 1, NULL, &id1) || !full_fileid(p, 4, &id1, &id2)) {
        say("DMSCMP054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (strcmp(p->token[4], "=") == 0 && strcmp(p->token[5], "=") == 0 && strcmp(p->token[6], "=") == 0) {
        say("DMSCMP019E IDENTICAL FILEIDS");
        return 24;
    }
    u32 from = 1, to = 0xFFFF;
    for (int i = 7; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "COL", 3)) {
            i++;
            if (!columns(p, &i, &from, &to)) {
                sayf("DMSCMP029E INVALID PARAMETER '%s' IN THE OPTION 'COL' FIELD",
                     i < p->count ? p->token[i] : "");
                return 24;
            }
        } else {
            sayf("DMSCMP003E INVALID OPTION '%s'", w);
            return 24;
        }
    }
    struct fileinfo f1, f2;
    struct adisk *d1 = file_locate(&id1, &f1), *d2 = d1 ? file_locate(&id2, &f2) : NULL;
    if (!d1 || !d2) {
        char name[32];
        fileid_text(name, d1 ? &id2 : &id1);
        sayf("DMSCMP002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    sayf("DMSCMP179I COMPARING '%s %s %c%c' WITH '%s %s %c%c'", f1.fname, f1.ftype, d1->mode, f1.fmode_digit,
         f2.fname, f2.ftype, d2->mode, f2.fmode_digit);
    struct reader *r1 = cms_alloc(sizeof *r1), *r2 = cms_alloc(sizeof *r2);
    u32 la_max = f1.lrecl + 1, lb_max = f2.lrecl + 1;       /* the longest records */
    u8 *a = cms_alloc(la_max), *b = cms_alloc(lb_max);
    char *text = cms_alloc(la_max > lb_max ? la_max : lb_max);
    int rc = r1 && r2 && a && b && text ? 0 : FS_NOMEMORY;
    int open1 = 0, open2 = 0, differ = 0;
    if (!rc) rc = fs_open(&d1->fs, f1.fname, f1.ftype, r1);
    if (!rc) { open1 = 1; rc = fs_open(&d2->fs, f2.fname, f2.ftype, r2); }
    if (!rc) open2 = 1;
    if (!rc) {
        u32 n1 = 0, n2 = 0;
        for (;;) {
            int la = fs_read(r1, a, la_max), lb = fs_read(r2, b, lb_max);
            if (la >= 0) n1++;
            if (lb >= 0) n2++;
            if (la < 0 || lb < 0) {
                /* One file ended first: the rest of the other is not compared. */
                if (la >= 0 || lb >= 0) {
                    while (la >= 0 && fs_read(r1, a, la_max) >= 0) n1++;
                    while (lb >= 0 && fs_read(r2, b, lb_max) >= 0) n2++;
                    int first_short = n1 < n2;
                    sayf("DMSCMP211E FILE '%s %s %c%c' HAS ONLY %u RECORDS", first_short ? f1.fname : f2.fname,
                         first_short ? f1.ftype : f2.ftype, first_short ? d1->mode : d2->mode,
                         first_short ? f1.fmode_digit : f2.fmode_digit, first_short ? n1 : n2);
                    differ = 1;
                }
                break;
            }
            if (!same(a, la, b, lb, from, to)) {
                type_record(a, la, f1.recfm, text);
                type_record(b, lb, f2.recfm, text);
                differ = 1;
            }
        }
    } else {
        sayf("DMSCMP104S ERROR %d READING FILE '%s %s %c' FROM DISK", rc, f1.fname, f1.ftype, d1->mode);
        rc = 100;
    }
    if (open1) fs_close(r1);
    if (open2) fs_close(r2);
    cms_free(text);
    cms_free(b);
    cms_free(a);
    cms_free(r2);
    cms_free(r1);
    if (rc) return rc;
    if (differ) {
        say("DMSCMP209W FILES DO NOT COMPARE");
        return 4;
    }
    return 0;
}
