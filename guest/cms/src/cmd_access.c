/* vm67 CMS: ACCESS vaddr mode[/ext] and RELEASE mode|vaddr. */
#include "commands.h"
#include "disks.h"

int cmd_access(struct plist *p)
{
    u32 vaddr;
    if (p->count < 2) {
        say("DMSACC017E NO DEVICE SPECIFIED");
        return 24;
    }
    if (!parse_hex(p->token[1], &vaddr) || vaddr > 0xFFFF) {
        sayf("DMSACC020E INVALID DEVICE ADDRESS '%s'", p->token[1]);
        return 24;
    }
    if (p->count < 3) {
        say("DMSACC048E INVALID MODE ''");
        return 24;
    }
    const char *m = p->token[2];
    char mode = m[0], parent = 0;
    if (m[1] == '/' && m[2] >= 'A' && m[2] <= 'Z') parent = m[2];
    else if (m[1] && !(m[1] >= '0' && m[1] <= '9')) mode = 0;
    if (mode < 'A' || mode > 'Z') {
        sayf("DMSACC048E INVALID MODE '%s'", m);
        return 24;
    }
    return disk_access(vaddr, mode, parent, 0);
}

int cmd_release(struct plist *p)
{
    if (p->count < 2) {
        say("DMSARE017E NO DEVICE SPECIFIED");
        return 24;
    }
    const char *t = p->token[1];
    if (t[1] == 0 && t[0] >= 'A' && t[0] <= 'Z') {
        if (!disk_at(t[0])) {
            sayf("DMSARE069E DISK '%c' NOT ACCESSED", t[0]);
            return 36;
        }
        disk_release(t[0]);
        return 0;
    }
    u32 vaddr;
    struct adisk *list[26];
    int n = disk_search_order(list);
    if (parse_hex(t, &vaddr)) {
        for (int i = 0; i < n; i++)
            if (list[i]->vaddr == vaddr) {
                disk_release(list[i]->mode);
                return 0;
            }
    }
    sayf("DMSARE069E DISK '%s' NOT ACCESSED", t);
    return 36;
}
