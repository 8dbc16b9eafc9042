/* vm67 CMS: XEDIT fn ft [fm] [(LRECL n NODISP)] — the full-screen editor on
 * a 3270 console (DIAGNOSE X'24' says what the terminal is); on a
 * typewriter console, or with NODISP, EDIT's line mode. */
#include "editor.h"
#include "fullscreen.h"
#include "commands.h"

int cmd_xedit(struct plist *p)
{
    static struct editor e;
    int nodisp;
    memset(&e, 0, sizeof e);
    int rc = ed_start(p, &e, "XED", &nodisp);
    if (rc) return rc;
    if (nodisp || !scr_console_is_display()) return ed_line_session(&e);
    return xedit_session(&e);
}
