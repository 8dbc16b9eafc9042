/* vm67 CMS: TYPE fn ft [fm [first [last]]] — show a file's records (F
 * records without their trailing blanks). */
#include "commands.h"
#include "disks.h"

int cmd_type(struct plist *p)
{
    struct fileid id;
    int used = fileid_parse(p, 1, '*', &id);
    if (!used) {
        say("DMSTYP054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    u32 first = 1, last = 0xFFFFFFFF;
    int i = 1 + used;
    if (i < p->count && p->token[i][0] != '(') {
        if (!parse_dec(p->token[i], &first) || first == 0) {
            sayf("DMSTYP026E INVALID PARAMETER '%s' FOR 'TYPE' FUNCTION", p->token[i]);
            return 24;
        }
        i++;
        if (i < p->count && p->token[i][0] != '(') {
            if (p->token[i][0] != '*' && !parse_dec(p->token[i], &last)) {
                sayf("DMSTYP026E INVALID PARAMETER '%s' FOR 'TYPE' FUNCTION", p->token[i]);
                return 24;
            }
        }
    }
    struct fileinfo f;
    struct adisk *d = file_locate(&id, &f);
    if (!d) {
        char name[32];
        fileid_text(name, &id);
        sayf("DMSTYP002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(65536);
    char *text = cms_alloc(65536);
    int rc = r && rec && text ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    if (rc == 0) {
        int len;
        for (u32 n = 1; (len = fs_read(r, rec, 65536)) >= 0 && n <= last; n++) {
            if (n < first) continue;
            from_ebcdic(text, rec, (size_t)len);
            if (f.recfm == 'F')
                while (len && text[len - 1] == ' ') len--;
            cons_write(text, (size_t)len);
        }
        fs_close(r);
    } else {
        sayf("DMSTYP104S ERROR %d READING FILE '%s %s %c' FROM DISK", rc, f.fname, f.ftype, d->mode);
        rc = 100;
    }
    cms_free(text);
    cms_free(rec);
    cms_free(r);
    return rc;
}
