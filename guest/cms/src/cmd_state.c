/* vm67 CMS: STATE fn ft [fm] — whether a file exists (return code 0 or 28). */
#include "commands.h"
#include "disks.h"

int cmd_state(struct plist *p)
{
    struct fileid id;
    if (!fileid_parse(p, 1, '*', &id)) {
        say("DMSSTT054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    struct fileinfo f;
    if (!file_locate(&id, &f)) {
        char name[32];
        fileid_text(name, &id);
        sayf("DMSSTT002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    return 0;
}
