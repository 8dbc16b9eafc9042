/* vm67 CMS: EDIT fn ft [fm] [(LRECL n NODISP)] — the line editor of VM/370
 * R6 CMS: "NEW FILE:" for a file that does not exist, "EDIT:" for edit mode
 * and "INPUT:" for input mode (a null line switches between them), the
 * subcommands of editor_subcommands.c. FILE writes the file and ends; QUIT
 * ends without writing (and, as in R6, asks nothing). */
#include "editor.h"
#include "commands.h"

static void line_message(struct editor *e, const char *text) { say(text); }

/* Verification: the current line, up to the VERIFY column. */
static void line_show_current(struct editor *e)
{
    u32 len;
    const char *t = ed_text(e, e->current, &len);
    if (len > e->verify_end) len = e->verify_end;
    cons_write(t, len);
}

int ed_line_session(struct editor *e)
{
    e->fullscreen = 0;
    e->message = line_message;
    e->show_current = line_show_current;
    if (e->is_new) say("NEW FILE:");
    say("EDIT:");
    char buf[ED_LINE + 1];
    while (!e->done) {
        if (e->input_mode && e->linemode) {
            /* Line-number editing prompts with the next line's number. */
            u32 after = e->current > e->count ? e->count : e->current;
            u32 first, width;
            ed_number_field(e, &first, &width);
            sayf(width == 8 ? "%08u" : "%05u", ed_next_number(e, after));
        }
        int n = cons_read(buf, sizeof buf);
        if (e->input_mode) {
            if (n == 0) {
                e->input_mode = 0;
                say("EDIT:");
            } else if (ed_input_line(e, buf, (u32)n)) {
                e->input_mode = 0;
                say("EDIT:");
            }
            continue;
        }
        if (n == 0) {
            /* A null line in edit mode is the way into input mode. */
            e->input_mode = 1;
            say("INPUT:");
            continue;
        }
        ed_subcommand(e, buf);
    }
    ed_close(e);
    return e->rc;
}

/* The EDIT and XEDIT command lines: the file identifier and the options.
 * 0 with the file loaded, or the return code after the message. */
int ed_start(struct plist *p, struct editor *e, const char *module, int *nodisp)
{
    struct fileid id;
    int used = fileid_parse(p, 1, 'A', &id);
    if (!used) {
        sayf("DMS%s054E INCOMPLETE FILEID SPECIFIED", module);
        return 24;
    }
    u32 lrecl = 0;
    *nodisp = 0;
    for (int i = 1 + used; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "LRECL", 1)) {
            if (i + 1 >= p->count || !parse_dec(p->token[i + 1], &lrecl) || lrecl == 0 || lrecl > ED_MAXLRECL) {
                sayf("DMS%s029E INVALID PARAMETER '%s' IN THE OPTION 'LRECL' FIELD", module,
                     i + 1 < p->count ? p->token[i + 1] : "");
                return 24;
            }
            i++;
        } else if (abbrev(w, "NODISP", 2)) {
            *nodisp = 1;
        } else {
            sayf("DMS%s003E INVALID OPTION '%s'", module, w);
            return 24;
        }
    }
    if (id.mode != '*' && (id.mode < 'A' || id.mode > 'Z')) {
        sayf("DMS%s048E INVALID MODE '%c'", module, id.mode);
        return 24;
    }
    e->module = module;
    int rc = ed_open(e, &id, lrecl, module);
    if (rc) return rc;
    ed_defaults(e);
    return 0;
}

int cmd_edit(struct plist *p)
{
    static struct editor e;
    int nodisp;
    memset(&e, 0, sizeof e);
    int rc = ed_start(p, &e, "EDI", &nodisp);
    if (rc) return rc;
    return ed_line_session(&e);
}
