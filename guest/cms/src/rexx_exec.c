/* vm67 CMS REXX: instructions. A clause is run from its first token; the
 * structured instructions (DO, SELECT, IF) run or skip the instructions
 * they hold, and LEAVE, ITERATE, RETURN and SIGNAL come back up through
 * them in r->ctl. EXIT and errors leave by longjmp. */
#include "rexx_int.h"
#include "commands.h"

#define TK(i) (&r->prog->tok[i])

static int is_kw(struct rexx *r, int i, const char *word)
{
    return TK(i)->type == T_SYM && strcmp(TK(i)->text, word) == 0;
}

static int skip_eoc(struct rexx *r, int pc)
{
    while (TK(pc)->type == T_EOC) pc++;
    return pc;
}

static int clause_end(struct rexx *r, int pc)
{
    while (TK(pc)->type != T_EOC && TK(pc)->type != T_END) pc++;
    return pc;
}

static int next_clause(struct rexx *r, int pc)
{
    pc = clause_end(r, pc);
    return TK(pc)->type == T_EOC ? pc + 1 : pc;
}

/* The first of the keywords (at parenthesis depth 0) in [from, to), or -1. */
static int find_kw(struct rexx *r, int from, int to, const char *const *words)
{
    int depth = 0;
    for (int i = from; i < to; i++) {
        struct token *t = TK(i);
        if (t->type == T_LPAREN) depth++;
        else if (t->type == T_RPAREN) depth--;
        else if (t->type == T_SYM && depth == 0)
            for (int k = 0; words[k]; k++)
                if (strcmp(t->text, words[k]) == 0) return i;
    }
    return -1;
}

static const char *const kw_then[] = {"THEN", NULL};

static int assignment(struct rexx *r, int pc)
{
    return TK(pc)->type == T_SYM && TK(pc + 1)->type == T_OP && TK(pc + 1)->op == OP_EQ;
}

static int label_at(struct rexx *r, int pc)
{
    return TK(pc)->type == T_SYM && TK(pc + 1)->type == T_COLON;
}

/* The position after one instruction, run or not. */
static int skip_instruction(struct rexx *r, int pc)
{
    pc = skip_eoc(r, pc);
    if (TK(pc)->type == T_END) { r->line = TK(pc)->line; rexx_error(r, 14); }
    if (label_at(r, pc) || assignment(r, pc)) return next_clause(r, pc);
    if (is_kw(r, pc, "DO") || is_kw(r, pc, "SELECT")) {
        int select = is_kw(r, pc, "SELECT");
        pc = next_clause(r, pc);
        for (;;) {
            pc = skip_eoc(r, pc);
            if (TK(pc)->type == T_END) { rexx_error(r, 14); }
            if (is_kw(r, pc, "END")) return next_clause(r, pc);
            if (select && is_kw(r, pc, "WHEN")) {
                int then = find_kw(r, pc, clause_end(r, pc), kw_then);
                if (then < 0) rexx_error(r, 18);
                pc = skip_instruction(r, then + 1);
            } else if (select && is_kw(r, pc, "OTHERWISE")) {
                pc++;
            } else {
                pc = skip_instruction(r, pc);
            }
        }
    }
    if (is_kw(r, pc, "IF")) {
        int then = find_kw(r, pc, clause_end(r, pc), kw_then);
        if (then < 0) rexx_error(r, 18);
        pc = skip_instruction(r, then + 1);
        int e = skip_eoc(r, pc);
        if (is_kw(r, e, "ELSE")) pc = skip_instruction(r, e + 1);
        return pc;
    }
    return next_clause(r, pc);
}

/* The labels' places, found at the first search. */
int rexx_find_label(struct rexx *r, const char *name)
{
    struct program *p = &r->main;
    if (!p->labels) {
        int n = 0;
        for (int i = 0; i + 1 < p->ntok; i++)
            if (p->tok[i].type == T_SYM && p->tok[i + 1].type == T_COLON) n++;
        p->labels = rx_alloc(r, (u32)(n + 1) * sizeof(int));
        for (int i = 0; i + 1 < p->ntok; i++)
            if (p->tok[i].type == T_SYM && p->tok[i + 1].type == T_COLON) p->labels[p->nlabels++] = i;
    }
    for (int k = 0; k < p->nlabels; k++)
        if (strcmp(p->tok[p->labels[k]].text, name) == 0) return p->labels[k] + 2;
    return -1;
}

/* SIGNAL to a label (SIGL is the line it came from): 0 when there is none. */
static int signal_to(struct rexx *r, const char *label)
{
    int at = rexx_find_label(r, label);
    if (at < 0) return 0;
    char line[16];
    format(line, sizeof line, "%d", r->line);
    var_set(r, "SIGL", line);
    r->signal_to = at;
    r->ctl = CTL_SIGNAL;
    return 1;
}

/* ---- commands ---- */

static void show_clause(struct rexx *r, int line)
{
    const char *text = line >= 1 && line <= r->nlines ? r->lines[line - 1] : "";
    sayf("%6d *-* %s", line, text);
}

int rexx_command(struct rexx *r, const char *env, const char *command)
{
    rexx_check_command_stack(r);
    if (r->trace == 'C') show_clause(r, r->line);
    int rc;
    if (!strcmp(env, "CMS") || !strcmp(env, "COMMAND")) rc = run_command(command);
    else if (!strcmp(env, "CP")) rc = cp_command(command, 0);
    else rc = -3;
    char text[16];
    format(text, sizeof text, "%d", rc);
    var_set(r, "RC", text);
    int show = (r->trace == 'C' && rc) || (r->trace == 'E' && rc) || ((r->trace == 'N' || r->trace == 'F') && rc < 0);
    if (show) {
        if (r->trace != 'C') show_clause(r, r->line);
        sayf("       +++ RC(%d) +++", rc);
    }
    /* SIGNAL ON FAILURE (a negative return code) or ERROR (any other). */
    if (rc < 0 && r->trap_failure) {
        r->trap_failure = 0;
        if (!signal_to(r, "FAILURE")) rexx_error(r, 16);
    } else if (rc && r->trap_error) {
        r->trap_error = 0;
        if (!signal_to(r, "ERROR")) rexx_error(r, 16);
    }
    return rc;
}

/* ---- instructions ---- */

static char *eval_clause(struct rexx *r, int from)
{
    int end = clause_end(r, from);
    if (from >= end) return rx_strdup(r, "");
    return rexx_eval(r, from, end);
}

static void assign(struct rexx *r, const char *symbol, const char *value)
{
    if (isdigit((u8)symbol[0]) || symbol[0] == '.') rexx_error(r, 31);
    char *name = var_resolve(r, symbol);
    var_set(r, name, value);
    rx_free(r, name);
}

static int do_if(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    int then = find_kw(r, pc + 1, end, kw_then);
    if (then < 0) rexx_error(r, 18);
    char *v = rexx_eval(r, pc + 1, then);
    int cond = rexx_truth(r, v);
    rx_free(r, v);
    int body = skip_eoc(r, then + 1);
    if (is_kw(r, body, "ELSE") || is_kw(r, body, "END")) rexx_error(r, 8);
    int after = cond ? rexx_run_instruction(r, body) : skip_instruction(r, body);
    if (r->ctl) return after;
    int e = skip_eoc(r, after);
    if (is_kw(r, e, "ELSE")) {
        r->line = TK(e)->line;
        after = cond ? skip_instruction(r, e + 1) : rexx_run_instruction(r, e + 1);
    }
    return after;
}

static int do_select(struct rexx *r, int pc)
{
    int line = r->line;
    pc = next_clause(r, pc);
    int done = 0;
    for (;;) {
        pc = skip_eoc(r, pc);
        if (TK(pc)->type == T_END) { r->line = line; rexx_error(r, 14); }
        r->line = TK(pc)->line;
        if (is_kw(r, pc, "END")) break;
        if (is_kw(r, pc, "WHEN")) {
            int then = find_kw(r, pc, clause_end(r, pc), kw_then);
            if (then < 0) rexx_error(r, 18);
            int run = 0;
            if (!done) {
                char *v = rexx_eval(r, pc + 1, then);
                run = rexx_truth(r, v);
                rx_free(r, v);
            }
            if (run) {
                done = 1;
                pc = rexx_run_instruction(r, then + 1);
                if (r->ctl) return pc;
            } else {
                pc = skip_instruction(r, then + 1);
            }
        } else if (is_kw(r, pc, "OTHERWISE")) {
            pc++;
            int run = !done;
            done = 1;
            for (;;) {
                pc = skip_eoc(r, pc);
                if (TK(pc)->type == T_END) { r->line = line; rexx_error(r, 14); }
                if (is_kw(r, pc, "END")) break;
                if (run) {
                    pc = rexx_run_instruction(r, pc);
                    if (r->ctl) return pc;
                } else {
                    pc = skip_instruction(r, pc);
                }
            }
        } else {
            rexx_error(r, 7);
        }
    }
    if (!done) { r->line = line; rexx_error(r, 7); }
    return next_clause(r, pc);
}

static const char *const kw_do[] = {"TO", "BY", "FOR", "WHILE", "UNTIL", NULL};
static const char *const kw_cond[] = {"WHILE", "UNTIL", NULL};

static int do_loop(struct rexx *r, int pc)
{
    int line = r->line;
    int end = clause_end(r, pc);
    int body = next_clause(r, pc);
    /* The END of the loop. */
    int stop = body;
    for (;;) {
        stop = skip_eoc(r, stop);
        if (TK(stop)->type == T_END) { r->line = line; rexx_error(r, 14); }
        if (is_kw(r, stop, "END")) break;
        stop = skip_instruction(r, stop);
    }
    r->line = line;
    int after = next_clause(r, stop);
    int h = pc + 1;
    char *control = NULL, *to = NULL, *by = NULL;
    i32 count = -1, forcount = -1;
    int forever = 0, loop = 0;
    int while_at = -1, until_at = -1, cond_end = end;
    if (h < end && is_kw(r, h, "FOREVER")) { forever = 1; h++; loop = 1; }
    else if (h < end && assignment(r, h)) {
        loop = 1;
        control = var_resolve(r, TK(h)->text);
        int e = find_kw(r, h + 2, end, kw_do);
        char *start = rexx_eval(r, h + 2, e < 0 ? end : e);
        if (!num_is_number(start)) rexx_error(r, 41);
        char sum[ND + 24];
        num_arith(r, OP_ADD, start, "0", sum);
        var_set(r, control, sum);
        rx_free(r, start);
        by = rx_strdup(r, "1");
        while (e >= 0 && !is_kw(r, e, "WHILE") && !is_kw(r, e, "UNTIL")) {
            int next = find_kw(r, e + 1, end, kw_do);
            char *v = rexx_eval(r, e + 1, next < 0 ? end : next);
            if (is_kw(r, e, "TO")) {
                if (!num_is_number(v)) rexx_error(r, 41);
                to = v;
            } else if (is_kw(r, e, "BY")) {
                if (!num_is_number(v)) rexx_error(r, 41);
                rx_free(r, by);
                by = v;
            } else {
                if (!num_is_whole(r, v, &forcount) || forcount < 0) rexx_error(r, 26);
                rx_free(r, v);
            }
            e = next;
        }
        h = e < 0 ? end : e;
    } else if (h < end && !is_kw(r, h, "WHILE") && !is_kw(r, h, "UNTIL")) {
        loop = 1;
        int e = find_kw(r, h, end, kw_cond);
        char *v = rexx_eval(r, h, e < 0 ? end : e);
        if (!num_is_whole(r, v, &count) || count < 0) rexx_error(r, 26);
        rx_free(r, v);
        h = e < 0 ? end : e;
    }
    if (h < end && is_kw(r, h, "WHILE")) { loop = 1; while_at = h + 1; }
    else if (h < end && is_kw(r, h, "UNTIL")) { loop = 1; until_at = h + 1; }
    else if (h < end) rexx_error(r, 27);
    (void)forever;
    r->act->loops++;
    for (i32 n = 0;; n++) {
        r->line = line;
        if (control && to) {
            const char *v = var_get(r, control);
            int c;
            if (!v || !num_compare(r, v, to, &c)) rexx_error(r, 41);
            int negative = by[0] == '-';
            if (negative ? c < 0 : c > 0) break;
        }
        if (count >= 0 && n >= count) break;
        if (forcount >= 0 && n >= forcount) break;
        if (while_at >= 0) {
            char *v = rexx_eval(r, while_at, cond_end);
            int t = rexx_truth(r, v);
            rx_free(r, v);
            if (!t) break;
        }
        int p = body;
        for (;;) {
            p = skip_eoc(r, p);
            if (p >= stop) break;
            p = rexx_run_instruction(r, p);
            if (r->ctl) break;
        }
        if (r->ctl == CTL_LEAVE || r->ctl == CTL_ITERATE) {
            if (r->ctl_name && (!control || strcmp(r->ctl_name, control) != 0)) {
                r->act->loops--;
                return after;           /* for an outer loop */
            }
            int leave = r->ctl == CTL_LEAVE;
            r->ctl = CTL_NONE;
            rx_free(r, r->ctl_name);
            r->ctl_name = NULL;
            if (leave) break;
        } else if (r->ctl) {
            r->act->loops--;
            return p;
        }
        if (!loop) break;
        r->line = line;
        if (until_at >= 0) {
            char *v = rexx_eval(r, until_at, cond_end);
            int t = rexx_truth(r, v);
            rx_free(r, v);
            if (t) break;
        }
        if (control) {
            const char *v = var_get(r, control);
            char sum[ND + 24];
            if (!v) rexx_error(r, 41);
            num_arith(r, OP_ADD, v, by, sum);
            var_set(r, control, sum);
        }
    }
    r->act->loops--;
    return after;
}

/* CALL name [expr] [, expr] ... */
static int do_call(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    int n = pc + 1;
    if (n >= end || (TK(n)->type != T_SYM && TK(n)->type != T_STR)) rexx_error(r, 19);
    if (TK(n)->type == T_SYM && (!strcmp(TK(n)->text, "ON") || !strcmp(TK(n)->text, "OFF"))) rexx_error(r, 25);
    char *args[20];
    int nargs = 0, from = n + 1;
    if (from < end) {
        int depth = 0, start = from;
        for (int i = from; i <= end; i++) {
            struct token *t = TK(i);
            if (t->type == T_LPAREN) depth++;
            if (t->type == T_RPAREN) depth--;
            if (i == end || (t->type == T_COMMA && depth == 0)) {
                if (nargs == 20) rexx_error(r, 40);
                args[nargs++] = i > start ? rexx_eval(r, start, i) : NULL;
                start = i + 1;
            }
        }
    }
    char *v = rexx_call(r, TK(n)->text, TK(n)->type == T_STR, args, nargs, 0);
    for (int i = 0; i < nargs; i++) rx_free(r, args[i]);
    if (v) {
        var_set(r, "RESULT", v);
        rx_free(r, v);
    } else {
        var_drop(r, "RESULT");
    }
    r->has_result = 0;
    r->result = NULL;
    return next_clause(r, pc);
}

static void do_exit(struct rexx *r, const char *v)
{
    i32 rc = 0;
    if (v && v[0] && !num_is_whole(r, v, &rc)) rexx_error(r, 26);
    r->exit_rc = rc;
    cms_longjmp(r->out, 1);
}

static int do_parse(struct rexx *r, int pc, int upper_default)
{
    int end = clause_end(r, pc);
    int i = pc + 1, upper = upper_default;
    const char *kind;
    if (!upper_default) {
        if (i < end && is_kw(r, i, "UPPER")) { upper = 1; i++; }
        if (i >= end || TK(i)->type != T_SYM) rexx_error(r, 25);
        kind = TK(i++)->text;
    } else {
        kind = is_kw(r, pc, "ARG") ? "ARG" : "PULL";
    }
    char *one[1], **sources = one;
    int nsources = 1;
    if (!strcmp(kind, "ARG")) {
        sources = r->act->args;
        nsources = r->act->nargs;
    } else if (!strcmp(kind, "PULL") || !strcmp(kind, "EXTERNAL")) {
        char line[160];
        cons_read(line, sizeof line);
        one[0] = rx_strdup(r, line);
    } else if (!strcmp(kind, "VAR")) {
        if (i >= end || TK(i)->type != T_SYM) rexx_error(r, 20);
        one[0] = sym_value(r, TK(i)->text);
        i++;
    } else if (!strcmp(kind, "VALUE")) {
        static const char *const kw_with[] = {"WITH", NULL};
        int with = find_kw(r, i, end, kw_with);
        if (with < 0) rexx_error(r, 38);
        one[0] = with > i ? rexx_eval(r, i, with) : rx_strdup(r, "");
        i = with + 1;
    } else if (!strcmp(kind, "SOURCE")) {
        char text[80];
        const char *how = r->act->call_type == 2 ? "FUNCTION" : r->act->call_type == 1 ? "SUBROUTINE" : "COMMAND";
        format(text, sizeof text, "CMS %s %s EXEC %s %s CMS", how, r->fn, r->fm, r->fn);
        one[0] = rx_strdup(r, text);
    } else if (!strcmp(kind, "VERSION")) {
        one[0] = rx_strdup(r, "REXX370 3.40 vm67 CMS " CMS_RELEASE);
    } else {
        rexx_error(r, 25);
    }
    char **copy = rx_alloc(r, (u32)(nsources + 1) * sizeof(char *));
    for (int k = 0; k < nsources; k++) {
        copy[k] = rx_strdup(r, sources[k] ? sources[k] : "");
        if (upper) for (char *q = copy[k]; *q; q++) *q = (char)toupper((u8)*q);
    }
    rexx_parse_template(r, copy, nsources, i, end);
    return next_clause(r, pc);
}

static int do_procedure(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    struct act *a = r->act;
    if (a->call_type == 0 || a->clauses != 1 || a->pool != a->caller->pool) rexx_error(r, 17);
    struct pool *p = pool_new(r);
    int i = pc + 1;
    if (i < end) {
        if (!is_kw(r, i, "EXPOSE")) rexx_error(r, 25);
        for (i++; i < end; i++) {
            if (TK(i)->type != T_SYM || isdigit((u8)TK(i)->text[0])) rexx_error(r, 20);
            char *name = var_resolve(r, TK(i)->text);
            var_expose(r, p, a->pool, name);
            rx_free(r, name);
        }
    }
    a->pool = p;
    return next_clause(r, pc);
}

static int do_interpret(struct rexx *r, int pc)
{
    char *text = eval_clause(r, pc + 1);
    struct program *saved = r->prog, *p = rx_zalloc(r, sizeof *p);
    rexx_tokenize(r, text, r->line, p);
    for (int i = 0; i < p->ntok; i++) {
        p->tok[i].line = r->line;
        if (p->tok[i].type == T_COLON) rexx_error(r, 47);
    }
    r->prog = p;
    int q = 0;
    for (;;) {
        q = skip_eoc(r, q);
        if (TK(q)->type == T_END || r->ctl) break;
        q = rexx_run_instruction(r, q);
    }
    r->prog = saved;
    return next_clause(r, pc);
}

static int do_address(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    struct act *a = r->act;
    int i = pc + 1;
    char env[9];
    if (i >= end) {
        strcpy(env, a->other_address);
        strcpy(a->other_address, a->address);
        strcpy(a->address, env);
        return next_clause(r, pc);
    }
    char *name;
    if (is_kw(r, i, "VALUE")) {
        name = rexx_eval(r, i + 1, end);
        i = end;
    } else {
        if (TK(i)->type != T_SYM && TK(i)->type != T_STR) rexx_error(r, 19);
        name = rx_strdup(r, TK(i)->text);
        i++;
    }
    int n = 0;
    for (char *q = name; *q && n < 8; q++) env[n++] = (char)toupper((u8)*q);
    env[n] = 0;
    rx_free(r, name);
    if (i < end) {
        char *command = rexx_eval(r, i, end);
        rexx_command(r, env, command);
        rx_free(r, command);
    } else {
        strcpy(a->other_address, a->address);
        strcpy(a->address, env);
    }
    return next_clause(r, pc);
}

static int do_trace(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    char *v = pc + 1 < end ? (TK(pc + 1)->type == T_SYM || TK(pc + 1)->type == T_STR) && pc + 2 == end
                                  ? rx_strdup(r, TK(pc + 1)->text) : rexx_eval(r, pc + 1, end)
                           : rx_strdup(r, "N");
    int c = toupper((u8)v[0]);
    if (c == 0) c = 'N';
    if (c != 'O' && c != 'N' && c != 'F' && c != 'E' && c != 'C') rexx_error(r, 24);
    r->trace = c;
    return next_clause(r, pc);
}

static int do_numeric(struct rexx *r, int pc)
{
    int end = clause_end(r, pc);
    if (!is_kw(r, pc + 1, "DIGITS")) rexx_error(r, 25);
    i32 d = 9;
    if (pc + 2 < end) {
        char *v = rexx_eval(r, pc + 2, end);
        if (!num_is_whole(r, v, &d) || d < 1) rexx_error(r, 26);
        if (d > NUM_DIGITS_MAX) rexx_error(r, 33);
        rx_free(r, v);
    }
    r->act->digits = d;
    return next_clause(r, pc);
}

int rexx_run_instruction(struct rexx *r, int pc)
{
    pc = skip_eoc(r, pc);
    struct token *t = TK(pc);
    if (t->type == T_END) return pc;
    r->line = t->line;
    if (exec_halt_requested) {
        exec_halt_requested = 0;
        if (!r->trap_halt) rexx_error(r, 4);
        r->trap_halt = 0;
        if (!signal_to(r, "HALT")) rexx_error(r, 16);
        return pc;
    }
    rexx_check_stack(r);
    if (label_at(r, pc)) return pc + 2;
    r->act->clauses++;
    if (assignment(r, pc)) {
        char *v = eval_clause(r, pc + 2);
        if (pc + 2 == clause_end(r, pc)) rexx_error(r, 35);
        assign(r, t->text, v);
        rx_free(r, v);
        return next_clause(r, pc);
    }
    if (t->type == T_SYM) {
        const char *k = t->text;
        int end = clause_end(r, pc);
        if (!strcmp(k, "SAY")) {
            char *v = eval_clause(r, pc + 1);
            say(v);
            rx_free(r, v);
            return next_clause(r, pc);
        }
        if (!strcmp(k, "NOP")) {
            if (pc + 1 != end) rexx_error(r, 21);
            return next_clause(r, pc);
        }
        if (!strcmp(k, "IF")) return do_if(r, pc);
        if (!strcmp(k, "DO")) return do_loop(r, pc);
        if (!strcmp(k, "SELECT")) {
            if (pc + 1 != end) rexx_error(r, 21);
            return do_select(r, pc);
        }
        if (!strcmp(k, "END")) rexx_error(r, 10);
        if (!strcmp(k, "THEN") || !strcmp(k, "ELSE")) rexx_error(r, 8);
        if (!strcmp(k, "WHEN") || !strcmp(k, "OTHERWISE")) rexx_error(r, 9);
        if (!strcmp(k, "LEAVE") || !strcmp(k, "ITERATE")) {
            if (r->act->loops == 0) rexx_error(r, 28);
            r->ctl = k[0] == 'L' ? CTL_LEAVE : CTL_ITERATE;
            r->ctl_name = NULL;
            if (pc + 1 < end) {
                if (TK(pc + 1)->type != T_SYM || pc + 2 != end) rexx_error(r, 20);
                r->ctl_name = rx_strdup(r, TK(pc + 1)->text);
            }
            return next_clause(r, pc);
        }
        if (!strcmp(k, "EXIT")) {
            char *v = eval_clause(r, pc + 1);
            do_exit(r, v);
        }
        if (!strcmp(k, "RETURN")) {
            char *v = pc + 1 < end ? eval_clause(r, pc + 1) : NULL;
            if (r->act->call_type == 0) do_exit(r, v);
            r->result = v;
            r->has_result = v != NULL;
            r->ctl = CTL_RETURN;
            return next_clause(r, pc);
        }
        if (!strcmp(k, "CALL")) return do_call(r, pc);
        if (!strcmp(k, "SIGNAL")) {
            int i = pc + 1;
            if (i >= end) rexx_error(r, 19);
            char *name;
            if (is_kw(r, i, "ON") || is_kw(r, i, "OFF")) {
                int on = is_kw(r, i, "ON");
                if (i + 2 != end || TK(i + 1)->type != T_SYM) rexx_error(r, 25);
                const char *c = TK(i + 1)->text;
                u8 *flag = !strcmp(c, "ERROR") ? &r->trap_error : !strcmp(c, "FAILURE") ? &r->trap_failure
                         : !strcmp(c, "HALT") ? &r->trap_halt : NULL;
                if (!flag) rexx_error(r, 25);
                if (on && rexx_find_label(r, c) < 0) rexx_error(r, 16);
                *flag = (u8)on;
                return next_clause(r, pc);
            }
            if (is_kw(r, i, "VALUE")) name = rexx_eval(r, i + 1, end);
            else if (TK(i)->type == T_SYM || TK(i)->type == T_STR) name = rx_strdup(r, TK(i)->text);
            else rexx_error(r, 19);
            if (!signal_to(r, name)) rexx_error(r, 16);
            rx_free(r, name);
            return next_clause(r, pc);
        }
        if (!strcmp(k, "PROCEDURE")) return do_procedure(r, pc);
        if (!strcmp(k, "PARSE")) return do_parse(r, pc, 0);
        if (!strcmp(k, "ARG") || !strcmp(k, "PULL")) return do_parse(r, pc, 1);
        if (!strcmp(k, "DROP") || !strcmp(k, "UPPER")) {
            for (int i = pc + 1; i < end; i++) {
                if (TK(i)->type != T_SYM || isdigit((u8)TK(i)->text[0]) || TK(i)->text[0] == '.') rexx_error(r, 20);
                char *name = var_resolve(r, TK(i)->text);
                if (k[0] == 'D') var_drop(r, name);
                else {
                    const char *v = var_get(r, name);
                    if (v) {
                        char *u = rx_strdup(r, v);
                        for (char *q = u; *q; q++) *q = (char)toupper((u8)*q);
                        var_set(r, name, u);
                        rx_free(r, u);
                    }
                }
                rx_free(r, name);
            }
            return next_clause(r, pc);
        }
        if (!strcmp(k, "PUSH") || !strcmp(k, "QUEUE")) {
            char *v = eval_clause(r, pc + 1);
            if (stack_push(v, k[1] == 'U' && k[2] == 'S') < 0) rexx_error(r, 5);
            rx_free(r, v);
            return next_clause(r, pc);
        }
        if (!strcmp(k, "ADDRESS")) return do_address(r, pc);
        if (!strcmp(k, "NUMERIC")) return do_numeric(r, pc);
        if (!strcmp(k, "TRACE")) return do_trace(r, pc);
        if (!strcmp(k, "INTERPRET")) return do_interpret(r, pc);
    }
    /* Anything else is a command for the current environment. */
    char *command = eval_clause(r, pc);
    rexx_command(r, r->act->address, command);
    rx_free(r, command);
    return next_clause(r, pc);
}

void rexx_run_routine(struct rexx *r, int pc)
{
    for (;;) {
        pc = rexx_run_instruction(r, pc);
        if (r->ctl == CTL_SIGNAL) {
            pc = r->signal_to;
            r->ctl = CTL_NONE;
            r->act->loops = 0;
            continue;
        }
        if (r->ctl == CTL_RETURN) return;
        if (r->ctl) { r->ctl = CTL_NONE; rexx_error(r, 28); }
        if (TK(pc)->type == T_END) {
            /* The end of the program, even inside a routine, is EXIT. */
            r->exit_rc = 0;
            cms_longjmp(r->out, 1);
        }
    }
}
