/* vm67 CMS: the command line. A line becomes a PLIST of 8-character
 * upper-case tokens ('(' and ')' stand alone); the first names an EXEC
 * (IMPEX), a nucleus command (or an abbreviation of one), a MODULE on an
 * accessed disk, else, with IMPCP, it goes to CP. */
#include "cms.h"
#include "commands.h"
#include "loader.h"

void tokenize(const char *line, struct plist *p)
{
    p->count = 0;
    p->text = line;
    p->args = line;
    const char *s = line;
    while (*s && p->count < MAXTOKENS) {
        while (*s == ' ') s++;
        if (!*s) break;
        int n = 0;
        char *t = p->token[p->count];
        if (*s == '(' || *s == ')') {
            t[n++] = *s++;
        } else {
            while (*s && *s != ' ' && *s != '(' && *s != ')') {
                if (n < 8) t[n++] = (char)toupper((u8)*s);
                s++;
            }
        }
        t[n] = 0;
        p->count++;
        if (p->count == 1) {
            while (*s == ' ') s++;
            p->args = s;
        }
    }
}

/* `word` is `name` or an abbreviation of it at least `minimum` long. */
int abbrev(const char *word, const char *name, int minimum)
{
    size_t n = strlen(word);
    if (n < (size_t)minimum || n > strlen(name)) return 0;
    return strncmp(word, name, n) == 0;
}

const char *current_command = "";

int run_plist(struct plist *p)
{
    if (p->count == 0) return 0;
    /* IMPEX: an EXEC file of that name comes first (not inside an EXEC,
     * which calls another with the EXEC command, as in VM/370). */
    if (settings.impex && !exec_depth && exec_exists(p->token[0])) {
        char fn[9];
        strcpy(fn, p->token[0]);
        return exec_run(fn, p->args);
    }
    const struct command *c = command_lookup(p->token[0]);
    if (c) {
        current_command = c->name;
        int rc = c->run(p);
        current_command = "";
        return rc;
    }
    /* A MODULE of that name on an accessed disk: loaded and run. */
    if (module_exists(p->token[0])) return module_run(p);
    if (!settings.impcp || exec_depth) {
        say("Unknown CMS command");
        return -3;
    }
    int rc = cp_command_mode(p->text, CP_SHOW_KNOWN);
    if (rc == 1) {
        say("Unknown CP/CMS command");
        return -3;
    }
    return rc;
}

int run_command(const char *line)
{
    static struct plist p;
    tokenize(line, &p);
    return run_plist(&p);
}
