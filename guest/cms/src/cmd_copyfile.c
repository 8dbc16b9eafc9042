/* vm67 CMS: COPYFILE fn ft fm [fn2 ft2 fm2] [(REPLACE APPEND RECFM F|V LRECL n TYPE)]
 * — copy files (* and % in the source names; = in the target keeps the
 * source's field). The new file replaces the old one only when it is
 * complete (the file system's commit). */
#include "commands.h"
#include "disks.h"

struct options { int replace, append, type; char recfm; u32 lrecl; };

static int copy_one(struct adisk *src, const struct fileinfo *f, struct adisk *dst, const char *fn,
                    const char *ft, char digit, const struct options *o)
{
    static struct reader r, old;
    static struct writer w;
    u8 *rec = cms_alloc(65536);
    if (!rec) return 104;
    struct fileinfo existing;
    int exists = fs_find(&dst->fs, fn, ft, &existing);
    if (exists && !o->replace && !o->append) {
        sayf("DMSCPY024E FILE '%s %s %c' ALREADY EXISTS -- SPECIFY 'REPLACE'", fn, ft, dst->mode);
        cms_free(rec);
        return 28;
    }
    char recfm = o->recfm ? o->recfm : (o->append && exists ? existing.recfm : f->recfm);
    u32 lrecl = o->lrecl ? o->lrecl : (o->append && exists ? existing.lrecl : f->lrecl);
    int rc = fs_create(&dst->fs, fn, ft, digit ? digit : f->fmode_digit, recfm, lrecl, &w);
    int len;
    if (!rc && o->append && exists) {
        rc = fs_open(&dst->fs, fn, ft, &old);
        while (!rc && (len = fs_read(&old, rec, 65536)) >= 0) rc = fs_write(&w, rec, (u32)(len > 65536 ? 65536 : len));
        fs_close(&old);
    }
    if (!rc) rc = fs_open(&src->fs, f->fname, f->ftype, &r);
    while (!rc && (len = fs_read(&r, rec, 65536)) >= 0) {
        u32 n = (u32)(len > 65536 ? 65536 : len);
        if (recfm == 'V' && f->recfm == 'F') while (n > 1 && rec[n - 1] == 0x40) n--;
        rc = fs_write(&w, rec, n);
    }
    fs_close(&r);
    if (!rc) rc = fs_commit(&w);
    else fs_abandon(&w);
    cms_free(rec);
    if (rc) {
        if (rc == FS_FULL) sayf("DMSCPY105S DISK '%c' IS FULL", dst->mode);
        else sayf("DMSCPY104S ERROR %d WRITING FILE '%s %s %c'", rc, fn, ft, dst->mode);
        return 100;
    }
    if (o->type) sayf("%s %s %c%c", fn, ft, dst->mode, digit ? digit : f->fmode_digit);
    return 0;
}

int cmd_copyfile(struct plist *p)
{
    struct fileid from, to;
    struct options o = { 0, 0, 0, 0, 0 };
    if (fileid_parse(p, 1, 'A', &from) != 3) {
        say("DMSCPY054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    int i = 4;
    int t = fileid_parse(p, 4, '=', &to);
    if (t == 3) i = 7;
    else {
        strcpy(to.fn, "=");
        strcpy(to.ft, "=");
        to.mode = '=';
        to.digit = 0;
    }
    for (; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "REPLACE", 3)) o.replace = 1;
        else if (abbrev(w, "APPEND", 3)) o.append = 1;
        else if (abbrev(w, "TYPE", 2)) o.type = 1;
        else if (abbrev(w, "RECFM", 3) && i + 1 < p->count && (p->token[i + 1][0] == 'F' || p->token[i + 1][0] == 'V'))
            o.recfm = p->token[++i][0];
        else if (abbrev(w, "LRECL", 3) && i + 1 < p->count && parse_dec(p->token[i + 1], &o.lrecl))
            i++;
        else {
            sayf("DMSCPY003E INVALID OPTION '%s'", w);
            return 24;
        }
    }
    if (o.recfm == 'F' && !o.lrecl) o.lrecl = 80;
    if (from.mode == '*') from.mode = 'A';
    struct adisk *src = disk_at(from.mode);
    char tmode = to.mode == '=' ? from.mode : to.mode;
    struct adisk *dst = disk_at(tmode);
    if (!src || !dst) {
        sayf("DMSCPY069E DISK '%c' NOT ACCESSED", src ? tmode : from.mode);
        return 36;
    }
    if (disk_readonly_message("CPY", dst)) return 36;
    /* The matching names first: the copies must not be copied again. */
    u32 total = fs_file_count(&src->fs), count = 0;
    char (*names)[2][9] = cms_alloc((total ? total : 1) * sizeof *names);
    if (!names) return 104;
    struct fileinfo f;
    for (u32 x = 0; fs_file_at(&src->fs, x, &f); x++) {
        if (!fs_match(from.fn, f.fname) || !fs_match(from.ft, f.ftype) || count == total) continue;
        strcpy(names[count][0], f.fname);
        strcpy(names[count][1], f.ftype);
        count++;
    }
    int copied = 0, rc = 0;
    for (u32 k = 0; k < count && !rc; k++) {
        if (!fs_find(&src->fs, names[k][0], names[k][1], &f)) continue;
        char fn[9], ft[9];
        strcpy(fn, strcmp(to.fn, "=") == 0 ? names[k][0] : to.fn);
        strcpy(ft, strcmp(to.ft, "=") == 0 ? names[k][1] : to.ft);
        if (src == dst && strcmp(fn, names[k][0]) == 0 && strcmp(ft, names[k][1]) == 0 && !o.replace) {
            sayf("DMSCPY024E FILE '%s %s %c' ALREADY EXISTS -- SPECIFY 'REPLACE'", fn, ft, dst->mode);
            rc = 28;
            break;
        }
        rc = copy_one(src, &f, dst, fn, ft, to.digit, &o);
        copied++;
    }
    cms_free(names);
    if (!copied) {
        char name[32];
        fileid_text(name, &from);
        sayf("DMSCPY002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    return rc;
}
