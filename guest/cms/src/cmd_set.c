/* vm67 CMS: SET — change CMS settings (IMPCP, BLIP, RDYMSG); other
 * operands go to CP's SET. */
#include "commands.h"

static int onoff(struct plist *p, int *value)
{
    if (p->count < 3) {
        sayf("DMSSET026E INVALID PARAMETER '' FOR '%s' FUNCTION", p->token[1]);
        return 24;
    }
    if (strcmp(p->token[2], "ON") == 0) *value = 1;
    else if (strcmp(p->token[2], "OFF") == 0) *value = 0;
    else {
        sayf("DMSSET026E INVALID PARAMETER '%s' FOR '%s' FUNCTION", p->token[2], p->token[1]);
        return 24;
    }
    return 0;
}

int cmd_set(struct plist *p)
{
    if (p->count < 2) {
        say("DMSSET047E NO FUNCTION SPECIFIED");
        return 24;
    }
    const char *what = p->token[1];
    if (abbrev(what, "IMPCP", 5)) return onoff(p, &settings.impcp);
    if (abbrev(what, "IMPEX", 5)) return onoff(p, &settings.impex);
    if (abbrev(what, "BLIP", 4)) {
        if (p->count >= 3 && strlen(p->token[2]) == 1) {
            settings.blip = 1;
            settings.blipchar = p->token[2][0];
            return 0;
        }
        return onoff(p, &settings.blip);
    }
    if (abbrev(what, "RDYMSG", 6)) {
        if (p->count >= 3 && strcmp(p->token[2], "SMSG") == 0) settings.rdymsg_short = 1;
        else if (p->count >= 3 && strcmp(p->token[2], "LMSG") == 0) settings.rdymsg_short = 0;
        else {
            sayf("DMSSET026E INVALID PARAMETER '%s' FOR 'RDYMSG' FUNCTION", p->count >= 3 ? p->token[2] : "");
            return 24;
        }
        return 0;
    }
    /* Not a CMS operand: CP's SET (SET MSG, SET EMSG ...). */
    return cp_command(p->text, 0);
}
