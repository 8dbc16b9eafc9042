/* vm67 CMS: RENAME fn ft fm fn2 ft2 fm2 — on the same disk; = keeps a field. */
#include "commands.h"
#include "disks.h"

int cmd_rename(struct plist *p)
{
    struct fileid from, to;
    int used = fileid_parse(p, 1, 0, &from);
    if (used != 3 || fileid_parse(p, 4, 0, &to) != 3) {
        say("DMSRNM054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (strcmp(to.fn, "=") == 0) strcpy(to.fn, from.fn);
    if (strcmp(to.ft, "=") == 0) strcpy(to.ft, from.ft);
    if (to.mode == '=') to.mode = from.mode;
    struct adisk *d = disk_at(from.mode);
    if (!d) {
        sayf("DMSRNM069E DISK '%c' NOT ACCESSED", from.mode);
        return 36;
    }
    if (to.mode != from.mode) {
        sayf("DMSRNM048E INVALID MODE '%c'", to.mode);
        return 24;
    }
    struct fileinfo f;
    if (!fs_find(&d->fs, from.fn, from.ft, &f)) {
        char name[32];
        fileid_text(name, &from);
        sayf("DMSRNM002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    if (disk_readonly_message("RNM", d)) return 36;
    int rc = fs_rename(&d->fs, from.fn, from.ft, to.fn, to.ft, to.digit);
    if (rc == FS_EXISTS) {
        sayf("DMSRNM024E FILE '%s %s %c' ALREADY EXISTS", to.fn, to.ft, to.mode);
        return 28;
    }
    if (rc) {
        sayf("DMSRNM109S ERROR %d RENAMING '%s %s %c'", rc, from.fn, from.ft, from.mode);
        return 100;
    }
    return 0;
}
