/* vm67 CMS: ERASE fn ft [fm] — erase files (* and % in the names). */
#include "commands.h"
#include "disks.h"

int cmd_erase(struct plist *p)
{
    struct fileid id;
    if (!fileid_parse(p, 1, 'A', &id)) {
        say("DMSERS054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    struct adisk *list[26];
    int n = disk_search_order(list);
    int erased = 0;
    if (id.mode != '*' && !disk_at(id.mode)) {
        sayf("DMSERS069E DISK '%c' NOT ACCESSED", id.mode);
        return 36;
    }
    for (int k = 0; k < n; k++) {
        struct adisk *d = list[k];
        if (id.mode != '*' && d->mode != id.mode) continue;
        struct fileinfo f;
        u32 x = 0;
        while (fs_file_at(&d->fs, x, &f)) {
            if (!fs_match(id.fn, f.fname) || !fs_match(id.ft, f.ftype) || (id.digit && f.fmode_digit != id.digit)) {
                x++;
                continue;
            }
            if (disk_readonly_message("ERS", d)) return 36;
            char fn[9], ft[9];
            strcpy(fn, f.fname);
            strcpy(ft, f.ftype);
            int rc = fs_erase(&d->fs, fn, ft);
            if (rc) {
                sayf("DMSERS109S ERROR %d ERASING '%s %s %c'", rc, fn, ft, d->mode);
                return 100;
            }
            erased++;
        }
    }
    if (!erased) {
        char name[32];
        fileid_text(name, &id);
        sayf("DMSERS002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    return 0;
}
