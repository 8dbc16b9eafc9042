/* vm67 CMS: QUERY — show CMS settings; other operands go to CP's QUERY. */
#include "commands.h"

static const char *onoff(int v) { return v ? "ON" : "OFF"; }

int cmd_query(struct plist *p)
{
    if (p->count < 2) {
        say("DMSQRY047E NO FUNCTION SPECIFIED");
        return 24;
    }
    const char *what = p->token[1];
    if (abbrev(what, "IMPCP", 5)) {
        sayf("IMPCP = %s", onoff(settings.impcp));
    } else if (abbrev(what, "BLIP", 4)) {
        if (settings.blip) sayf("BLIP = %c", settings.blipchar);
        else say("BLIP = OFF");
    } else if (abbrev(what, "RDYMSG", 6)) {
        sayf("RDYMSG = %s", settings.rdymsg_short ? "SMSG" : "LMSG");
    } else if (abbrev(what, "CMSLEVEL", 8)) {
        sayf("VM67 CMS RELEASE %s", CMS_RELEASE);
    } else if (abbrev(what, "STORAGE", 4)) {
        sayf("STORAGE = %uK, USER AREA %06X", storage_size() / 1024, user_area_start());
    } else {
        /* Not a CMS operand: CP's QUERY (Q USERS, Q NAMES, Q RDR ...). */
        return cp_command(p->text, 0);
    }
    return 0;
}
