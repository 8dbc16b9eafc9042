/* vm67 CMS: QUERY — show CMS settings; other operands go to CP's QUERY. */
#include "commands.h"
#include "disks.h"

static const char *onoff(int v) { return v ? "ON" : "OFF"; }

static void disk_line(struct adisk *d)
{
    u32 used = d->fs.used, total = d->fs.total;
    sayf("%c (%03X): %u FILES; %u REC IN USE, %u LEFT (of %u), %u%% FULL (%u CYL), %s, %s", d->mode, d->vaddr,
         fs_file_count(&d->fs), used, total - used, total, total ? used * 100 / total : 0, d->fs.cylinders,
         disk_type_name(d->devtype), d->fs.readonly ? "R/O" : "R/W");
}

static int query_disk(struct plist *p)
{
    char mode = p->count > 2 ? p->token[2][0] : 'A';
    struct adisk *list[26];
    int n = disk_search_order(list), shown = 0;
    for (int i = 0; i < n; i++)
        if (mode == '*' || list[i]->mode == mode) { disk_line(list[i]); shown++; }
    if (!shown) {
        sayf("DMSQRY069E DISK '%c' NOT ACCESSED", mode);
        return 36;
    }
    return 0;
}

static int query_search(void)
{
    struct adisk *list[26];
    int n = disk_search_order(list);
    for (int i = 0; i < n; i++) {
        struct adisk *d = list[i];
        char mode[4] = { d->mode, 0, 0, 0 };
        if (d->parent) { mode[1] = '/'; mode[2] = d->parent; }
        sayf("%-6s %03X %-3s %s", d->fs.label, d->vaddr, mode, d->fs.readonly ? "R/O" : "R/W");
    }
    return 0;
}

int cmd_query(struct plist *p)
{
    if (p->count < 2) {
        say("DMSQRY047E NO FUNCTION SPECIFIED");
        return 24;
    }
    const char *what = p->token[1];
    if (abbrev(what, "IMPCP", 5)) {
        sayf("IMPCP = %s", onoff(settings.impcp));
    } else if (abbrev(what, "IMPEX", 5)) {
        sayf("IMPEX = %s", onoff(settings.impex));
    } else if (abbrev(what, "BLIP", 4)) {
        if (settings.blip) sayf("BLIP = %c", settings.blipchar);
        else say("BLIP = OFF");
    } else if (abbrev(what, "RDYMSG", 6)) {
        sayf("RDYMSG = %s", settings.rdymsg_short ? "SMSG" : "LMSG");
    } else if (abbrev(what, "CMSLEVEL", 8)) {
        sayf("VM67 CMS RELEASE %s", CMS_RELEASE);
    } else if (abbrev(what, "DISK", 4)) {
        return query_disk(p);
    } else if (abbrev(what, "SEARCH", 6)) {
        return query_search();
    } else if (abbrev(what, "STORAGE", 4)) {
        sayf("STORAGE = %uK, USER AREA %06X-%06X", storage_size() / 1024, user_area_start(), user_area_end() - 1);
    } else {
        /* Not a CMS operand: CP's QUERY (Q USERS, Q NAMES, Q RDR ...). */
        return cp_command(p->text, 0);
    }
    return 0;
}
