/* vm67 CMS: LOAD fn [fn ...] [(options] and INCLUDE fn [fn ...] [(options]
 * — bring TEXT files (object decks) into the user area, resolve their
 * external references and relocate them (loader.c). LOAD starts afresh;
 * INCLUDE adds to what LOAD (or INCLUDE) put there.
 *
 * Options: CLEAR|NOCLEAR (zero the storage first), MAP|NOMAP (LOAD MAP A5),
 * TYPE|NOTYPE (the map at the terminal too), AUTO|NOAUTO (a TEXT file for
 * each undefined name), LIBE|NOLIBE (vm67 has no TXTLIBs to search),
 * INV|NOINV (cards that are not object cards in the map), REP|NOREP (REP
 * cards), DUP|NODUP (DMSLIO202W for duplicate names), ORIGIN hex, RESET
 * entry, START (run it when loaded), SAME (INCLUDE: the options of the
 * LOAD). */
#include "commands.h"
#include "loader.h"

int start_program(u32 entry, const char (*tokens)[9], int count);

static struct ldr_options last;

static void defaults(struct ldr_options *o)
{
    memset(o, 0, sizeof *o);
    o->map = o->autolib = o->invalid_cards = o->reps = o->dup = 1;
}

/* Options from token i on; 0, or the return code after the message. */
static int options(struct plist *p, int i, struct ldr_options *o, int include)
{
    for (; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (strcmp(w, "CLEAR") == 0) o->clear = 1;
        else if (strcmp(w, "NOCLEAR") == 0) o->clear = 0;
        else if (strcmp(w, "MAP") == 0) o->map = 1;
        else if (strcmp(w, "NOMAP") == 0) o->map = 0;
        else if (strcmp(w, "TYPE") == 0) o->type = 1;
        else if (strcmp(w, "NOTYPE") == 0) o->type = 0;
        else if (strcmp(w, "AUTO") == 0) o->autolib = 1;
        else if (strcmp(w, "NOAUTO") == 0) o->autolib = 0;
        else if (strcmp(w, "LIBE") == 0 || strcmp(w, "NOLIBE") == 0) continue;
        else if (strcmp(w, "INV") == 0) o->invalid_cards = 1;
        else if (strcmp(w, "NOINV") == 0) o->invalid_cards = 0;
        else if (strcmp(w, "REP") == 0) o->reps = 1;
        else if (strcmp(w, "NOREP") == 0) o->reps = 0;
        else if (strcmp(w, "DUP") == 0) o->dup = 1;
        else if (strcmp(w, "NODUP") == 0) o->dup = 0;
        else if (strcmp(w, "START") == 0) o->start = 1;
        else if (include && strcmp(w, "SAME") == 0) {
            int start = o->start;
            *o = last;
            o->start = start;
        } else if (strcmp(w, "ORIGIN") == 0) {
            if (i + 1 >= p->count || p->token[i + 1][0] == ')') {
                say("DMSLIO005E NO 'ORIGIN' SPECIFIED");
                return 24;
            }
            u32 at;
            const char *v = p->token[++i];
            if (!parse_hex(v, &at) || at < user_area_start() || at >= user_area_end()) {
                sayf("DMSLIO029E INVALID PARAMETER '%s' IN THE OPTION 'ORIGIN' FIELD", v);
                return 24;
            }
            o->origin = at;
        } else if (strcmp(w, "RESET") == 0) {
            if (i + 1 >= p->count || p->token[i + 1][0] == ')') {
                say("DMSLIO005E NO 'RESET' SPECIFIED");
                return 24;
            }
            strcpy(o->reset, p->token[++i]);
        } else {
            sayf("DMSLIO003E INVALID OPTION '%s'", w);
            return 24;
        }
    }
    return 0;
}

static int load(struct plist *p, int include)
{
    int names = 1;
    while (names < p->count && p->token[names][0] != '(') names++;
    if (names == 1) {
        say("DMSLIO001E NO FILENAME SPECIFIED");
        return 24;
    }
    struct ldr_options o;
    defaults(&o);
    int rc = options(p, names, &o, include);
    if (rc) return rc;
    if (!include) last = o;
    if ((rc = ldr_begin(&o, include)) == 0) {
        for (int i = 1; i < names && !rc; i++) rc = ldr_load_file(p->token[i]);
        if (!rc) rc = ldr_finish();
    }
    ldr_end_command();
    if (rc > 4 || !o.start) return rc;
    if (!ldr_has_entry) {
        say("DMSLIO055E NO ENTRY POINT DEFINED");
        return 40;
    }
    static const char star[1][9] = { "*" };
    return start_program(ldr_entry, star, 1);
}

int cmd_load(struct plist *p) { return load(p, 0); }
int cmd_include(struct plist *p) { return load(p, 1); }
