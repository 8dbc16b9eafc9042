/* vm67 CMS: CP [command] — pass a command to CP; alone, stop in CP READ. */
#include "commands.h"

int cmd_cp(struct plist *p)
{
    if (p->count < 2) {
        diag_enter_cp();
        return 0;
    }
    return cp_command(p->args, 0);
}
