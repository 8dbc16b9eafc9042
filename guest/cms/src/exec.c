/* vm67 CMS: the CMS EXEC processor — the VM/370 EXEC language.
 *
 * An EXEC file is read whole; each line is split into blank-delimited
 * words. A line is a comment (`*`), a label (`-name`, optionally followed
 * by a statement), a control statement (`&CONTROL`, `&TYPE`, `&IF`,
 * `&GOTO`, `&LOOP`, `&ARGS`, `&READ`, `&STACK`, `&EXIT` ...), an
 * assignment (`&X = value`, with `+ - * /`, `&CONCAT`, `&SUBSTR`,
 * `&LENGTH`, `&DATATYPE`, `&LITERAL`), or a CMS command. Variables in a
 * word are replaced by their values (`.&1` is `.` and the first argument);
 * a word that becomes empty is dropped, as in CMS. The return code of each
 * command is in &RETCODE. */
#include "commands.h"
#include "disks.h"
#include "rexx.h"
#include "attention.h"

#define XLINE 132
#define MAXWORDS 48
#define MAXVARS 96
#define MAXLOOPS 8
#define MAXDEPTH 10

struct var { char name[12]; char value[XLINE]; };
struct loop { int start, end, count; char cond[XLINE]; };

struct exec {
    char fn[9];
    char *text;             /* nlines lines of XLINE bytes */
    int nlines, pc, current;
    int control;            /* 0 OFF, 1 ERROR, 2 CMS, 3 ALL */
    int time;               /* &CONTROL TIME */
    struct var *vars;
    int nvars;
    struct loop loops[MAXLOOPS];
    int nloops;
    int retcode;
    int done, exit_rc, failed;
    char error_action[XLINE];
};

enum { CTL_OFF, CTL_ERROR, CTL_CMS, CTL_ALL };

int exec_depth;

static char *line_at(struct exec *e, int i) { return e->text + i * XLINE; }

static void upper(char *d, const char *s, size_t max)
{
    size_t n = 0;
    for (; *s && n + 1 < max; s++) d[n++] = (char)toupper((u8)*s);
    d[n] = 0;
}

static void copy(char *d, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n > max - 1) n = max - 1;
    memcpy(d, s, n);
    d[n] = 0;
}

/* ---- variables ---- */

static struct var *var_find(struct exec *e, const char *name)
{
    for (int i = 0; i < e->nvars; i++)
        if (strcmp(e->vars[i].name, name) == 0) return &e->vars[i];
    return NULL;
}

static void var_set(struct exec *e, const char *name, const char *value)
{
    char key[12];
    upper(key, name, sizeof key);
    struct var *v = var_find(e, key);
    if (!v) {
        if (e->nvars == MAXVARS) return;
        v = &e->vars[e->nvars++];
        strcpy(v->name, key);
    }
    copy(v->value, value, XLINE);
}

static void var_setn(struct exec *e, const char *name, int value)
{
    char text[16];
    format(text, sizeof text, "%d", value);
    var_set(e, name, text);
}

/* The arguments as &1..&n and &INDEX. */
static void set_args(struct exec *e, char **words, int n)
{
    for (int i = 0; i < e->nvars; i++)
        if (isdigit((u8)e->vars[i].name[0]) && strcmp(e->vars[i].name, "0") != 0) e->vars[i].value[0] = 0;
    for (int i = 0; i < n; i++) {
        char name[4];
        format(name, sizeof name, "%d", i + 1);
        var_set(e, name, words[i]);
    }
    var_setn(e, "INDEX", n);
}

static const char *var_value(struct exec *e, const char *name)
{
    static char text[XLINE];
    if (strcmp(name, "RETCODE") == 0) { format(text, sizeof text, "%d", e->retcode); return text; }
    if (strcmp(name, "LINENUM") == 0) { format(text, sizeof text, "%d", e->current + 1); return text; }
    if (strcmp(name, "READFLAG") == 0) return stack_lines() ? "STACK" : "CONSOLE";
    if (strcmp(name, "$") == 0 || strcmp(name, "*") == 0) {
        struct var *n = var_find(e, "INDEX");
        int count = 0;
        u32 c;
        if (n && parse_dec(n->value, &c)) count = (int)c;
        text[0] = 0;
        for (int i = 1; i <= count; i++) {
            char key[4];
            format(key, sizeof key, "%d", i);
            struct var *v = var_find(e, key);
            if (!v) continue;
            size_t at = strlen(text);
            if (at + strlen(v->value) + 2 >= sizeof text) break;
            format(text + at, sizeof text - at, "%s%s", at ? " " : "", v->value);
        }
        return text;
    }
    struct var *v = var_find(e, name);
    return v ? v->value : "";
}

static int name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isdigit((u8)c) || c == '#' || c == '@' || c == '_';
}

/* A word with its variables replaced. */
static void substitute(struct exec *e, const char *word, char *out)
{
    size_t n = 0;
    out[0] = 0;
    for (const char *s = word; *s;) {
        if (*s == '&' && (name_char(s[1]) || s[1] == '$' || s[1] == '*')) {
            char name[12];
            size_t k = 0;
            s++;
            if (*s == '$' || *s == '*') name[k++] = *s++;
            else
                while (name_char(*s)) {
                    if (k < sizeof name - 1) name[k++] = (char)toupper((u8)*s);
                    s++;
                }
            name[k] = 0;
            const char *v = var_value(e, name);
            while (*v && n < XLINE - 1) out[n++] = *v++;
        } else {
            if (n < XLINE - 1) out[n++] = *s;
            s++;
        }
    }
    out[n] = 0;
}

/* ---- words ---- */

/* Splits `line` (changed in place) into words. */
static int split(char *line, char **words)
{
    int n = 0;
    char *s = line;
    while (*s && n < MAXWORDS) {
        while (*s == ' ') *s++ = 0;
        if (!*s) break;
        words[n++] = s;
        while (*s && *s != ' ') s++;
    }
    return n;
}

/* The words substituted, empty ones dropped: into `buf` (MAXWORDS*XLINE). */
static int substitute_all(struct exec *e, char **words, int n, char *buf, char **out)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        char *w = buf + m * XLINE;
        substitute(e, words[i], w);
        if (w[0]) out[m++] = w;
    }
    return m;
}

static void join(char *out, char **words, int n)
{
    size_t at = 0;
    out[0] = 0;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(words[i]);
        if (at + len + 2 >= XLINE) break;
        if (i) out[at++] = ' ';
        memcpy(out + at, words[i], len);
        at += len;
        out[at] = 0;
    }
}

static int number(const char *s, i32 *value)
{
    int negative = 0;
    u32 v;
    if (*s == '-' || *s == '+') negative = *s++ == '-';
    if (!parse_dec(s, &v)) return 0;
    *value = negative ? -(i32)v : (i32)v;
    return 1;
}

static void fail(struct exec *e, const char *why, const char *what)
{
    sayf("DMSEXT072E ERROR IN EXEC FILE %s, LINE %04d - %s%s%s", e->fn, e->current + 1, why, *what ? " " : "", what);
    e->done = 1;
    e->failed = 1;
    e->exit_rc = 8;
}

/* `a op b`: 1 true, 0 false, -1 not a comparison. */
static int compare(const char *a, const char *op, const char *b)
{
    i32 x, y;
    int c;
    if (number(a, &x) && number(b, &y)) c = x < y ? -1 : x > y;
    else c = strcmp(a, b);
    char o[4];
    upper(o, op, sizeof o);
    if (!strcmp(o, "EQ") || !strcmp(o, "=")) return c == 0;
    if (!strcmp(o, "NE") || !strcmp(o, "\xAC=") || !strcmp(o, "<>") || !strcmp(o, "^=")) return c != 0;
    if (!strcmp(o, "LT") || !strcmp(o, "<")) return c < 0;
    if (!strcmp(o, "LE") || !strcmp(o, "<=")) return c <= 0;
    if (!strcmp(o, "GT") || !strcmp(o, ">")) return c > 0;
    if (!strcmp(o, "GE") || !strcmp(o, ">=")) return c >= 0;
    return -1;
}

/* Substitutes words until three remain: a condition; *used gets how many
 * words it took. */
static int condition(struct exec *e, char **words, int n, int *used)
{
    char a[3][XLINE];
    int got = 0, i = 0;
    for (; i < n && got < 3; i++) {
        substitute(e, words[i], a[got]);
        if (a[got][0]) got++;
    }
    *used = i;
    if (got < 3) return -1;
    return compare(a[0], a[1], a[2]);
}

/* ---- control flow ---- */

static int find_label(struct exec *e, const char *label)
{
    char want[XLINE], first[XLINE];
    upper(want, label, sizeof want);
    for (int k = 0; k < e->nlines; k++) {
        int i = (e->current + 1 + k) % e->nlines;
        const char *l = line_at(e, i);
        while (*l == ' ') l++;
        if (*l != '-') continue;
        size_t n = 0;
        while (l[n] && l[n] != ' ' && n < XLINE - 1) { first[n] = l[n]; n++; }
        first[n] = 0;
        char up[XLINE];
        upper(up, first, sizeof up);
        if (strcmp(up, want) == 0) return i;
    }
    return -1;
}

static void jump(struct exec *e, int to)
{
    while (e->nloops && (to < e->loops[e->nloops - 1].start || to > e->loops[e->nloops - 1].end)) e->nloops--;
    e->pc = to;
}

static int loop_condition(struct exec *e, struct loop *l)
{
    char text[XLINE], *words[MAXWORDS];
    strcpy(text, l->cond);
    int n = split(text, words), used;
    return condition(e, words, n, &used);
}

static int loop_end(struct exec *e, const char *target, int from)
{
    if (target[0] == '-') {
        int at = find_label(e, target);
        return at > from ? at : -1;
    }
    u32 n;
    if (!parse_dec(target, &n) || n == 0) return -1;
    return from + (int)n < e->nlines ? from + (int)n : e->nlines - 1;
}

/* ---- statements ---- */

static void statement(struct exec *e, char **words, int n);

/* A line of the execution summary (&CONTROL ... TIME: with the time of day). */
static void show(struct exec *e, const char *line)
{
    if (!e->time) {
        say(line);
        return;
    }
    struct timer_info t;
    diag_timer(&t);
    sayf("%s %s", t.time, line);
}

static void run_cms(struct exec *e, char **words, int n)
{
    char *buf = cms_alloc(MAXWORDS * XLINE);
    char *w[MAXWORDS], line[XLINE];
    if (!buf) return;
    int m = substitute_all(e, words, n, buf, w);
    join(line, w, m);
    cms_free(buf);
    if (!m) return;
    if (e->control >= CTL_CMS) show(e, line);
    int rc = run_command(line);
    e->retcode = rc;
    if (rc && e->control == CTL_ERROR) show(e, line);
    /* The execution summary: a command's nonzero return code. */
    if (rc && e->control != CTL_OFF) sayf("+++ R(%05d) +++", rc);
    if (rc && e->error_action[0]) {
        char action[XLINE], *aw[MAXWORDS];
        strcpy(action, e->error_action);
        int an = split(action, aw);
        statement(e, aw, an);
    }
}

static void assign(struct exec *e, char **words, int n)
{
    char name[12], value[XLINE];
    upper(name, words[0] + 1, sizeof name);
    value[0] = 0;
    char fn[XLINE];
    upper(fn, n > 2 ? words[2] : "", sizeof fn);
    char *buf = cms_alloc(MAXWORDS * XLINE);
    char *w[MAXWORDS];
    if (!buf) return;
    if (!strcmp(fn, "&LITERAL")) {
        join(value, words + 3, n - 3);
    } else if (!strcmp(fn, "&CONCAT")) {
        int m = substitute_all(e, words + 3, n - 3, buf, w);
        for (int i = 0; i < m; i++)
            if (strlen(value) + strlen(w[i]) < XLINE) strcpy(value + strlen(value), w[i]);
    } else if (!strcmp(fn, "&LENGTH")) {
        int m = substitute_all(e, words + 3, n - 3, buf, w);
        format(value, sizeof value, "%d", m ? (int)strlen(w[0]) : 0);
    } else if (!strcmp(fn, "&DATATYPE")) {
        int m = substitute_all(e, words + 3, n - 3, buf, w);
        i32 x;
        strcpy(value, m && number(w[0], &x) ? "NUM" : "ALPHA");
    } else if (!strcmp(fn, "&SUBSTR")) {
        int m = substitute_all(e, words + 3, n - 3, buf, w);
        u32 start = 1, len = XLINE;
        if (m < 2 || !parse_dec(w[1], &start) || start == 0 || (m > 2 && !parse_dec(w[2], &len))) {
            cms_free(buf);
            fail(e, "INVALID &SUBSTR", "");
            return;
        }
        size_t have = strlen(w[0]);
        if (start <= have) {
            size_t take = have - (start - 1);
            if (len < take) take = len;
            memcpy(value, w[0] + start - 1, take);
            value[take] = 0;
        }
    } else {
        int m = substitute_all(e, words + 2, n - 2, buf, w);
        i32 acc;
        if (m >= 3 && (m & 1) && number(w[0], &acc)) {
            int ok = 1;
            for (int i = 1; i + 1 < m && ok; i += 2) {
                i32 y;
                if (!number(w[i + 1], &y) || strlen(w[i]) != 1) { ok = 0; break; }
                switch (w[i][0]) {
                case '+': acc += y; break;
                case '-': acc -= y; break;
                case '*': acc *= y; break;
                case '/': if (y == 0) ok = 0; else acc /= y; break;
                default: ok = 0;
                }
            }
            if (ok) format(value, sizeof value, "%d", acc);
            else join(value, w, m);
        } else {
            join(value, w, m);
        }
    }
    cms_free(buf);
    var_set(e, name, value);
}

static void control(struct exec *e, char **words, int n)
{
    for (int i = 1; i < n; i++) {
        char o[XLINE];
        upper(o, words[i], sizeof o);
        if (!strcmp(o, "OFF")) e->control = CTL_OFF;
        else if (!strcmp(o, "ERROR")) e->control = CTL_ERROR;
        else if (!strcmp(o, "CMS")) e->control = CTL_CMS;
        else if (!strcmp(o, "ALL")) e->control = CTL_ALL;
        else if (!strcmp(o, "TIME")) e->time = 1;
        else if (!strcmp(o, "NOTIME")) e->time = 0;
        else if (!strcmp(o, "MSG") || !strcmp(o, "NOMSG") ||
                 !strcmp(o, "PACK") || !strcmp(o, "NOPACK")) continue;
        else { fail(e, "INVALID &CONTROL OPERAND", o); return; }
    }
}

/* &READ: a line from the stack or the terminal. */
static void read_statement(struct exec *e, char **words, int n)
{
    char kind[XLINE];
    upper(kind, n > 1 ? words[1] : "1", sizeof kind);
    char input[XLINE], *w[MAXWORDS];
    if (!strcmp(kind, "ARGS") || !strcmp(kind, "VARS")) {
        cons_read(input, sizeof input);
        int m = split(input, w);
        if (kind[0] == 'A') { set_args(e, w, m); return; }
        for (int i = 2; i < n; i++) {
            if (words[i][0] != '&') { fail(e, "INVALID &READ VARIABLE", words[i]); return; }
            var_set(e, words[i] + 1, i - 2 < m ? w[i - 2] : "");
        }
        return;
    }
    u32 count;
    if (!parse_dec(kind, &count)) { fail(e, "INVALID &READ OPERAND", kind); return; }
    for (u32 k = 0; k < count && !e->done; k++) {
        cons_read(input, sizeof input);
        int m = split(input, w);
        if (m) statement(e, w, m);
    }
}

static void type_words(struct exec *e, char **words, int n)
{
    char *buf = cms_alloc(MAXWORDS * XLINE);
    char *w[MAXWORDS], line[XLINE];
    if (!buf) return;
    int m = substitute_all(e, words, n, buf, w);
    join(line, w, m);
    cms_free(buf);
    say(line);
}

static void statement(struct exec *e, char **words, int n)
{
    if (n == 0) return;
    if (words[0][0] == '-') {             /* a label, perhaps with a statement */
        statement(e, words + 1, n - 1);
        return;
    }
    if (words[0][0] != '&') {
        run_cms(e, words, n);
        return;
    }
    if (n > 1 && strcmp(words[1], "=") == 0) {
        assign(e, words, n);
        return;
    }
    char w[XLINE];
    upper(w, words[0], sizeof w);
    if (e->control == CTL_ALL) {            /* shown as scanned: variables substituted */
        char *buf = cms_alloc(MAXWORDS * XLINE), *sw[MAXWORDS], line[XLINE];
        if (buf) {
            sw[0] = words[0];
            int m = 1 + substitute_all(e, words + 1, n - 1, buf, sw + 1);
            join(line, sw, m);
            cms_free(buf);
            say(line);
        }
    }
    if (!strcmp(w, "&CONTROL")) control(e, words, n);
    else if (!strcmp(w, "&TYPE")) type_words(e, words + 1, n - 1);
    else if (!strcmp(w, "&SPACE")) {
        u32 k = 1;
        if (n > 1) parse_dec(words[1], &k);
        while (k--) say("");
    } else if (!strcmp(w, "&IF")) {
        int used, c = condition(e, words + 1, n - 1, &used);
        if (c < 0) { fail(e, "INVALID &IF STATEMENT", ""); return; }
        if (c) statement(e, words + 1 + used, n - 1 - used);
    } else if (!strcmp(w, "&GOTO")) {
        char target[XLINE];
        if (n < 2) { fail(e, "MISSING &GOTO LABEL", ""); return; }
        substitute(e, words[1], target);
        u32 line;
        char up[XLINE];
        upper(up, target, sizeof up);
        if (!strcmp(up, "TOP")) jump(e, 0);
        else if (parse_dec(target, &line) && line >= 1 && (int)line <= e->nlines) jump(e, (int)line - 1);
        else {
            int at = find_label(e, target);
            if (at < 0) { fail(e, "LABEL NOT FOUND:", up); return; }
            jump(e, at);
        }
    } else if (!strcmp(w, "&SKIP")) {
        u32 k = 1;
        char t[XLINE];
        if (n > 1) { substitute(e, words[1], t); parse_dec(t, &k); }
        e->pc = e->current + 1 + (int)k;
    } else if (!strcmp(w, "&LOOP")) {
        if (n < 3 || e->nloops == MAXLOOPS) { fail(e, "INVALID &LOOP STATEMENT", ""); return; }
        int end = loop_end(e, words[1], e->current);
        if (end < 0) { fail(e, "INVALID &LOOP END", words[1]); return; }
        struct loop *l = &e->loops[e->nloops];
        l->start = e->current + 1;
        l->end = end;
        l->cond[0] = 0;
        char count[XLINE];
        substitute(e, words[2], count);
        i32 c;
        if (n == 3 && number(count, &c)) {
            l->count = c;
            if (c <= 0) { e->pc = end + 1; return; }
        } else {
            join(l->cond, words + 2, n - 2);
            int done = loop_condition(e, l);
            if (done < 0) { fail(e, "INVALID &LOOP CONDITION", ""); return; }
            if (done) { e->pc = end + 1; return; }
        }
        e->nloops++;
    } else if (!strcmp(w, "&ARGS")) {
        char *buf = cms_alloc(MAXWORDS * XLINE), *a[MAXWORDS];
        if (!buf) return;
        int m = substitute_all(e, words + 1, n - 1, buf, a);
        set_args(e, a, m);
        cms_free(buf);
    } else if (!strcmp(w, "&READ")) {
        read_statement(e, words, n);
    } else if (!strcmp(w, "&STACK")) {
        int lifo = 0, first = 1;
        char o[XLINE];
        upper(o, n > 1 ? words[1] : "", sizeof o);
        if (!strcmp(o, "LIFO")) { lifo = 1; first = 2; }
        else if (!strcmp(o, "FIFO")) first = 2;
        char *buf = cms_alloc(MAXWORDS * XLINE), *a[MAXWORDS], line[XLINE];
        if (!buf) return;
        int m = substitute_all(e, words + first, n - first, buf, a);
        join(line, a, m);
        cms_free(buf);
        stack_push(line, lifo);
    } else if (!strcmp(w, "&EXIT")) {
        char t[XLINE];
        i32 rc = 0;
        if (n > 1) {
            substitute(e, words[1], t);
            if (!number(t, &rc)) { fail(e, "INVALID &EXIT CODE", t); return; }
        }
        e->done = 1;
        e->exit_rc = rc;
    } else if (!strcmp(w, "&ERROR")) {
        join(e->error_action, words + 1, n - 1);
    } else if (!strcmp(w, "&CONTINUE")) {
    } else if (!strcmp(w, "&BEGTYPE") || !strcmp(w, "&BEGSTACK")) {
        int stack = w[4] == 'S';
        int i = e->current + 1;
        for (; i < e->nlines; i++) {
            char *l = line_at(e, i), up[8];
            upper(up, l, 5);
            if (!strcmp(up, "&END") && (l[4] == 0 || l[4] == ' ')) break;
            if (stack) stack_push(l, 0);
            else say(l);
        }
        e->pc = i + 1;
    } else {
        fail(e, "INVALID CONTROL WORD", w);
    }
}

/* ---- running a file ---- */

static int load(struct exec *e, struct adisk *d, const struct fileinfo *f)
{
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(XLINE);
    e->text = cms_alloc(f->items * XLINE + XLINE);
    if (!r || !rec || !e->text) { cms_free(r); cms_free(rec); return 104; }
    int rc = fs_open(&d->fs, f->fname, f->ftype, r), len;
    while (!rc && (len = fs_read(r, rec, XLINE - 1)) >= 0) {
        if (len > XLINE - 1) len = XLINE - 1;
        char *l = line_at(e, e->nlines++);
        from_ebcdic(l, rec, (size_t)len);
        while (len && l[len - 1] == ' ') len--;
        l[len] = 0;
        for (int i = 0; i < len; i++) if (l[i] == '\t') l[i] = ' ';
    }
    fs_close(r);
    cms_free(r);
    cms_free(rec);
    return rc;
}

static struct adisk *find_exec(const char *fn, struct fileinfo *f)
{
    struct fileid id;
    memset(&id, 0, sizeof id);
    upper(id.fn, fn, sizeof id.fn);
    strcpy(id.ft, "EXEC");
    id.mode = '*';
    return file_locate(&id, f);
}

int exec_exists(const char *fn)
{
    struct fileinfo f;
    return fn[0] && find_exec(fn, &f) != NULL;
}

int exec_run(const char *fn, const char *args)
{
    struct fileinfo f;
    struct adisk *d = find_exec(fn, &f);
    if (!d) return -1;
    if (exec_depth >= MAXDEPTH) {
        say("DMSEXT073E EXEC NESTING TOO DEEP");
        return 104;
    }
    /* A first line that starts with a comment: REXX (rexx_run.c). */
    if (rexx_is_rexx(d, &f)) {
        exec_depth++;
        int rc = rexx_exec(d, &f, args);
        exec_depth--;
        return rc;
    }
    struct exec *e = cms_alloc(sizeof *e);
    if (!e) return 104;
    e->vars = cms_alloc(MAXVARS * sizeof *e->vars);
    char *argtext = cms_alloc(XLINE), *words[MAXWORDS];
    char *line = cms_alloc(XLINE);
    int rc = e->vars && argtext && line ? load(e, d, &f) : 104;
    if (rc) {
        sayf("DMSEXT104S ERROR %d READING FILE '%s EXEC %c'", rc, f.fname, d->mode);
    } else {
        copy(e->fn, f.fname, sizeof e->fn);
        e->control = CTL_CMS;
        var_set(e, "0", e->fn);
        copy(argtext, args, XLINE);
        set_args(e, words, split(argtext, words));
        exec_depth++;
        while (!e->done && e->pc < e->nlines) {
            static u32 lines_run;
            if (++lines_run % 16 == 0) attention_poll_now();
            else attention_poll();
            if (attention_exec_halt) break;         /* HI: every EXEC ends */
            e->current = e->pc++;
            strcpy(line, line_at(e, e->current));
            char *w[MAXWORDS];
            int n = split(line, w);
            if (n && w[0][0] != '*') statement(e, w, n);
            /* The end of a loop's range: again, or out of it. */
            while (!e->done && e->nloops && e->pc == e->current + 1 && e->current == e->loops[e->nloops - 1].end) {
                struct loop *l = &e->loops[e->nloops - 1];
                int again = l->cond[0] ? loop_condition(e, l) == 0 : --l->count > 0;
                if (again) { e->pc = l->start; break; }
                e->nloops--;
            }
        }
        exec_depth--;
        rc = e->exit_rc;
    }
    cms_free(line);
    cms_free(argtext);
    cms_free(e->text);
    cms_free(e->vars);
    cms_free(e);
    return rc;
}

/* EXEC fn [args]. */
int cmd_exec(struct plist *p)
{
    if (p->count < 2) {
        say("DMSEXC001E NO FILENAME SPECIFIED");
        return 24;
    }
    char fn[9], args[XLINE];
    strcpy(fn, p->token[1]);
    const char *a = p->args;
    while (*a && *a != ' ') a++;
    while (*a == ' ') a++;
    copy(args, a, sizeof args);
    int rc = exec_run(fn, args);
    if (rc == -1) {
        sayf("DMSEXC002E FILE '%s EXEC' NOT FOUND", fn);
        return 28;
    }
    return rc;
}
