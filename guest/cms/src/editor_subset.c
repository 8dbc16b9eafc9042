/* vm67 CMS: the editors' CMS subcommand, R6 EDIT's CMS subset: "CMS
 * SUBSET", then CMS commands (each answered by the Ready message) until
 * RETURN goes back to the file. The file stays in the user area meanwhile,
 * so what loads programs there (or edits another file into it) is refused
 * with "INVALID SUBSET COMMAND" and return code -2, as R6 refuses the
 * commands that need the user program area. */
#include "editor.h"
#include "commands.h"
#include "fullscreen.h"
#include "loader.h"

/* The nucleus commands that use the user area. */
static const char *const needs_user_area[] = {
    "EDIT", "XEDIT", "LOAD", "INCLUDE", "START", "RUN", "GENMOD", "LOADMOD",
};

static int allowed(const struct plist *p)
{
    const struct command *c = command_lookup(p->token[0]);
    if (settings.impex && exec_exists(p->token[0])) return 1;
    if (!c) return !module_exists(p->token[0]);     /* a MODULE runs in the user area */
    for (size_t i = 0; i < sizeof needs_user_area / sizeof needs_user_area[0]; i++)
        if (strcmp(c->name, needs_user_area[i]) == 0) return 0;
    return 1;
}

void ed_cms_subset(struct editor *e)
{
    /* On a display the screen goes back to CP's line mode; the editor
     * writes its screen again when it gets back. */
    if (e->fullscreen) scr_leave();
    say("CMS SUBSET");
    static char line[ED_LINE + 1];
    static struct plist p;
    for (;;) {
        int n = cons_read(line, sizeof line);
        while (n && line[n - 1] == ' ') line[--n] = 0;
        tokenize(line, &p);
        if (p.count == 0) continue;
        if (p.count == 1 && strcmp(p.token[0], "RETURN") == 0) break;
        if (!allowed(&p)) {
            say("INVALID SUBSET COMMAND");
            ready_message(-2);
            continue;
        }
        ready_message(run_plist(&p));
    }
    if (!e->fullscreen) say("EDIT:");
}
