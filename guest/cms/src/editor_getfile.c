/* vm67 CMS: the editors' GETFILE subcommand (R6 EDIT): GETFILE fn [ft|*
 * [fm|* [m [n|*]]]] copies records m to m+n-1 of another file (its
 * filetype by default the edited file's, any accessed disk by default)
 * after the current line; the last line copied becomes the current one.
 * "EOF REACHED" when the file ends before n records; "TRUNCATED" when a
 * record was longer than the truncation column. */
#include "editor.h"
#include "commands.h"

static int parse_count(const char *w, u32 *v)
{
    if (strcmp(w, "*") == 0) {
        *v = 0xFFFFFFFFu;
        return 1;
    }
    return parse_dec(w, v) && *v >= 1;
}

int ed_getfile(struct editor *e, const char *ops)
{
    static struct plist p;
    tokenize(ops, &p);
    if (p.count < 1 || p.count > 5) return -1;
    struct fileid id;
    strcpy(id.fn, p.token[0]);
    strcpy(id.ft, p.count >= 2 && strcmp(p.token[1], "*") != 0 ? p.token[1] : e->ft);
    id.mode = '*';
    id.digit = 0;
    if (p.count >= 3 && strcmp(p.token[2], "*") != 0) {
        const char *fm = p.token[2];
        if (fm[0] < 'A' || fm[0] > 'Z' || strlen(fm) > 2 || (fm[1] && (fm[1] < '0' || fm[1] > '9'))) return -1;
        id.mode = fm[0];
        id.digit = fm[1];
    }
    u32 first = 1, want = 0xFFFFFFFFu;
    if (p.count >= 4 && (!parse_dec(p.token[3], &first) || first == 0)) return -1;
    if (p.count >= 5 && !parse_count(p.token[4], &want)) return -1;

    struct fileinfo f;
    struct adisk *d = file_locate(&id, &f);
    if (!d) {
        ed_say(e, "FILE '%s %s %c' NOT FOUND", id.fn, id.ft, id.mode == '*' ? 'A' : id.mode);
        return 0;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(65536);
    char *text = cms_alloc(ED_MAXLRECL + 1);
    int rc = r && rec && text ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    u32 at = e->current > e->count ? e->count : e->current;
    u32 number = 0, copied = 0;
    int truncated = 0, full = 0, len = -1;
    if (rc == 0) {
        while (copied < want && (len = fs_read(r, rec, 65536)) >= 0) {
            if (++number < first) continue;
            u32 n = (u32)len > ED_MAXLRECL ? ED_MAXLRECL : (u32)len;
            from_ebcdic(text, rec, n);
            if (f.recfm == 'F')
                while (n && text[n - 1] == ' ') n--;
            if (n > e->trunc) {
                n = e->trunc;
                truncated = 1;
            }
            if (ed_insert(e, at, text, n)) {
                full = 1;
                break;
            }
            at++;
            copied++;
        }
        fs_close(r);
    }
    cms_free(text);
    cms_free(rec);
    cms_free(r);
    if (rc == FS_NOMEMORY || full) e->message(e, "DMSEDI132S FILE TOO LARGE");
    else if (rc) ed_say(e, "DMSEDI104S ERROR %d READING FILE '%s %s %c' FROM DISK", rc, f.fname, f.ftype, d->mode);
    if (copied) e->current = at;
    if (truncated) e->message(e, "TRUNCATED");
    if (rc == 0 && !full && copied < want && want != 0xFFFFFFFFu) e->message(e, "EOF REACHED");
    return 0;
}
