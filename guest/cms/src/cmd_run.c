/* vm67 CMS: RUN fn [EXEC|MODULE|TEXT [fm]] [args] — run a program by its
 * file name, whatever kind it is: an EXEC (the EXEC processor), a MODULE
 * (loaded and run) or a TEXT file (LOAD, then START). Without a filetype
 * the first that exists in that order runs, as the CMS command search
 * finds them. */
#include "commands.h"
#include "loader.h"

int start_program(u32 entry, const char (*tokens)[9], int count);

static int exists(const char *fn, const char *ft)
{
    struct fileid id;
    struct fileinfo f;
    memset(&id, 0, sizeof id);
    strcpy(id.fn, fn);
    strcpy(id.ft, ft);
    id.mode = '*';
    return file_locate(&id, &f) != NULL;
}

/* The text of the line after `words` words of p->args. */
static const char *after_words(const char *s, int words)
{
    while (words-- > 0) {
        while (*s == ' ') s++;
        while (*s && *s != ' ') s++;
    }
    while (*s == ' ') s++;
    return s;
}

int cmd_run(struct plist *p)
{
    static struct plist call;
    if (p->count < 2 || p->token[1][0] == '(') {
        say("DMSRUN001E NO FILENAME SPECIFIED");
        return 24;
    }
    char fn[9], ft[9] = "";
    strcpy(fn, p->token[1]);
    int first_arg = 2;
    if (p->count > 2 && (strcmp(p->token[2], "EXEC") == 0 || strcmp(p->token[2], "MODULE") == 0 ||
                         strcmp(p->token[2], "TEXT") == 0)) {
        strcpy(ft, p->token[2]);
        first_arg = 3;
        /* A mode after the type: one letter, perhaps a digit. */
        if (p->count > 3 && p->token[3][0] >= 'A' && p->token[3][0] <= 'Z' &&
            (p->token[3][1] == 0 || (p->token[3][1] >= '0' && p->token[3][1] <= '9' && p->token[3][2] == 0)))
            first_arg = 4;
    } else {
        static const char *const order[] = { "EXEC", "MODULE", "TEXT" };
        for (int k = 0; k < 3 && !ft[0]; k++)
            if (exists(fn, order[k])) strcpy(ft, order[k]);
    }
    if (!ft[0] || !exists(fn, ft)) {
        sayf("DMSRUN002E FILE '%s %s' NOT FOUND", fn, ft[0] ? ft : "*");
        return 28;
    }
    if (strcmp(ft, "EXEC") == 0) return exec_run(fn, after_words(p->args, first_arg - 1));
    /* The program's PLIST: its name and the arguments. */
    call.count = 0;
    strcpy(call.token[call.count++], fn);
    for (int i = first_arg; i < p->count && call.count < MAXTOKENS; i++) strcpy(call.token[call.count++], p->token[i]);
    call.text = p->text;
    call.args = after_words(p->args, first_arg - 1);
    if (strcmp(ft, "MODULE") == 0) return module_run(&call);
    struct ldr_options o;
    memset(&o, 0, sizeof o);
    o.map = o.autolib = o.invalid_cards = o.reps = o.dup = 1;
    int rc = ldr_begin(&o, 0);
    if (!rc) rc = ldr_load_file(fn);
    if (!rc) rc = ldr_finish();
    ldr_end_command();
    if (rc > 4) return rc;
    if (!ldr_has_entry) {
        say("DMSLIO055E NO ENTRY POINT DEFINED");
        return 40;
    }
    return start_program(ldr_entry, (const char (*)[9])call.token, call.count);
}
