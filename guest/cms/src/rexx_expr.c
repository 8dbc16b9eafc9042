/* vm67 CMS REXX: expressions, by precedence (lowest first): | && ; & ;
 * comparisons; concatenation (|| , blank, abuttal); + - ; * / % // ; ** ;
 * prefix + - \ ; terms (strings, symbols, function calls, parentheses). */
#include "rexx_int.h"

#define TK(i) (&r->prog->tok[i])

static char *level_or(struct rexx *r, int *pos, int end);

static int at_op(struct rexx *r, int pos, int end, int op)
{
    return pos < end && TK(pos)->type == T_OP && TK(pos)->op == op;
}

int rexx_truth(struct rexx *r, const char *v)
{
    if (v[0] == '1' && !v[1]) return 1;
    if (v[0] == '0' && !v[1]) return 0;
    rexx_error(r, 34);
}

/* The string without leading and trailing blanks, compared blank-padded. */
static int normal_compare(const char *a, const char *b)
{
    while (*a == ' ') a++;
    while (*b == ' ') b++;
    size_t la = strlen(a), lb = strlen(b);
    while (la && a[la - 1] == ' ') la--;
    while (lb && b[lb - 1] == ' ') lb--;
    size_t n = la > lb ? la : lb;
    for (size_t i = 0; i < n; i++) {
        u8 x = i < la ? (u8)a[i] : ' ', y = i < lb ? (u8)b[i] : ' ';
        /* EBCDIC order, as on the real machine. */
        x = ascii_to_ebcdic[x];
        y = ascii_to_ebcdic[y];
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

static int strict_compare(const char *a, const char *b)
{
    for (;; a++, b++) {
        if (!*a || !*b) return *a ? 1 : *b ? -1 : 0;
        u8 x = ascii_to_ebcdic[(u8)*a], y = ascii_to_ebcdic[(u8)*b];
        if (x != y) return x < y ? -1 : 1;
    }
}

static char *boolean(struct rexx *r, int v) { return rx_strdup(r, v ? "1" : "0"); }

static char *arith(struct rexx *r, int op, char *a, char *b)
{
    char out[ND + 24];
    num_arith(r, op, a, b, out);
    rx_free(r, a);
    rx_free(r, b);
    return rx_strdup(r, out);
}

static char *concat(struct rexx *r, char *a, char *b, int blank)
{
    size_t la = strlen(a), lb = strlen(b);
    char *c = rx_alloc(r, (u32)(la + lb + 2));
    memcpy(c, a, la);
    if (blank) c[la++] = ' ';
    memcpy(c + la, b, lb + 1);
    rx_free(r, a);
    rx_free(r, b);
    return c;
}

/* Arguments of a call: expressions between commas, up to ')'. */
static int arguments(struct rexx *r, int *pos, int end, char **args, int max)
{
    int n = 0;
    if (*pos < end && TK(*pos)->type == T_RPAREN) { (*pos)++; return 0; }
    for (;;) {
        if (n == max) rexx_error(r, 40);
        if (*pos < end && (TK(*pos)->type == T_COMMA || TK(*pos)->type == T_RPAREN)) args[n++] = NULL;
        else args[n++] = level_or(r, pos, end);
        if (*pos >= end) rexx_error(r, 36);
        if (TK(*pos)->type == T_RPAREN) { (*pos)++; return n; }
        if (TK(*pos)->type != T_COMMA) rexx_error(r, 35);
        (*pos)++;
    }
}

#define MAXARGS 20

static char *term(struct rexx *r, int *pos, int end)
{
    if (*pos >= end) rexx_error(r, 35);
    struct token *t = TK(*pos);
    if ((t->type == T_SYM || t->type == T_STR) && *pos + 1 < end && TK(*pos + 1)->type == T_LPAREN && !TK(*pos + 1)->blank) {
        char *args[MAXARGS];
        *pos += 2;
        int n = arguments(r, pos, end, args, MAXARGS);
        char *v = rexx_call(r, t->text, t->type == T_STR, args, n, 1);
        for (int i = 0; i < n; i++) rx_free(r, args[i]);
        return v;
    }
    if (t->type == T_STR) { (*pos)++; return rx_strndup(r, t->text, t->len); }
    if (t->type == T_SYM) { (*pos)++; return sym_value(r, t->text); }
    if (t->type == T_LPAREN) {
        (*pos)++;
        char *v = level_or(r, pos, end);
        if (*pos >= end || TK(*pos)->type != T_RPAREN) rexx_error(r, 36);
        (*pos)++;
        return v;
    }
    if (t->type == T_RPAREN || t->type == T_COMMA) rexx_error(r, 37);
    rexx_error(r, 35);
}

static char *prefix(struct rexx *r, int *pos, int end)
{
    rexx_check_stack(r);
    if (at_op(r, *pos, end, OP_NOT)) {
        (*pos)++;
        char *v = prefix(r, pos, end);
        int t = rexx_truth(r, v);
        rx_free(r, v);
        return boolean(r, !t);
    }
    if (at_op(r, *pos, end, OP_SUB) || at_op(r, *pos, end, OP_ADD)) {
        int op = TK(*pos)->op;
        (*pos)++;
        char *v = prefix(r, pos, end);
        return arith(r, op, rx_strdup(r, "0"), v);
    }
    return term(r, pos, end);
}

static char *level_pow(struct rexx *r, int *pos, int end)
{
    char *a = prefix(r, pos, end);
    while (at_op(r, *pos, end, OP_POW)) {
        (*pos)++;
        a = arith(r, OP_POW, a, prefix(r, pos, end));
    }
    return a;
}

static char *level_mul(struct rexx *r, int *pos, int end)
{
    char *a = level_pow(r, pos, end);
    while (*pos < end && TK(*pos)->type == T_OP) {
        int op = TK(*pos)->op;
        if (op != OP_MUL && op != OP_DIV && op != OP_IDIV && op != OP_REM) break;
        (*pos)++;
        a = arith(r, op, a, level_pow(r, pos, end));
    }
    return a;
}

static char *level_add(struct rexx *r, int *pos, int end)
{
    char *a = level_mul(r, pos, end);
    while (at_op(r, *pos, end, OP_ADD) || at_op(r, *pos, end, OP_SUB)) {
        int op = TK(*pos)->op;
        (*pos)++;
        a = arith(r, op, a, level_mul(r, pos, end));
    }
    return a;
}

static char *level_cat(struct rexx *r, int *pos, int end)
{
    char *a = level_add(r, pos, end);
    for (;;) {
        if (at_op(r, *pos, end, OP_CAT)) {
            (*pos)++;
            a = concat(r, a, level_add(r, pos, end), 0);
            continue;
        }
        if (*pos < end) {
            struct token *t = TK(*pos);
            if (t->type == T_SYM || t->type == T_STR || t->type == T_LPAREN || (t->type == T_OP && t->op == OP_NOT && t->blank)) {
                int blank = t->blank;
                a = concat(r, a, level_add(r, pos, end), blank);
                continue;
            }
        }
        return a;
    }
}

static int comparison(int op)
{
    return op >= OP_EQ && op <= OP_SLE;
}

static char *level_cmp(struct rexx *r, int *pos, int end)
{
    char *a = level_cat(r, pos, end);
    while (*pos < end && TK(*pos)->type == T_OP && comparison(TK(*pos)->op)) {
        int op = TK(*pos)->op;
        (*pos)++;
        char *b = level_cat(r, pos, end);
        int c, v;
        if (op >= OP_SEQ) c = strict_compare(a, b);
        else if (!num_compare(r, a, b, &c)) c = normal_compare(a, b);
        switch (op) {
        case OP_EQ: case OP_SEQ: v = c == 0; break;
        case OP_NE: case OP_SNE: v = c != 0; break;
        case OP_GT: case OP_SGT: v = c > 0; break;
        case OP_LT: case OP_SLT: v = c < 0; break;
        case OP_GE: case OP_SGE: v = c >= 0; break;
        default: v = c <= 0; break;
        }
        rx_free(r, a);
        rx_free(r, b);
        a = boolean(r, v);
    }
    return a;
}

static char *level_and(struct rexx *r, int *pos, int end)
{
    char *a = level_cmp(r, pos, end);
    while (at_op(r, *pos, end, OP_AND)) {
        (*pos)++;
        char *b = level_cmp(r, pos, end);
        int v = rexx_truth(r, a) & rexx_truth(r, b);
        rx_free(r, a);
        rx_free(r, b);
        a = boolean(r, v);
    }
    return a;
}

static char *level_or(struct rexx *r, int *pos, int end)
{
    char *a = level_and(r, pos, end);
    while (at_op(r, *pos, end, OP_OR) || at_op(r, *pos, end, OP_XOR)) {
        int op = TK(*pos)->op;
        (*pos)++;
        char *b = level_and(r, pos, end);
        int x = rexx_truth(r, a), y = rexx_truth(r, b);
        rx_free(r, a);
        rx_free(r, b);
        a = boolean(r, op == OP_OR ? (x | y) : (x ^ y));
    }
    return a;
}

char *rexx_eval(struct rexx *r, int from, int to)
{
    int pos = from;
    if (from >= to) rexx_error(r, 35);
    char *v = level_or(r, &pos, to);
    if (pos < to) {
        struct token *t = TK(pos);
        rexx_error(r, t->type == T_RPAREN || t->type == T_COMMA ? 37 : 35);
    }
    return v;
}

/* A routine: a label of the program, else a built-in function. */
char *rexx_call(struct rexx *r, const char *name, int string_name, char **args, int nargs, int function)
{
    int label = string_name ? -1 : rexx_find_label(r, name);
    if (label < 0) {
        int found = 0;
        char *v = rexx_builtin(r, name, args, nargs, &found);
        if (found) {
            if (!function) { r->has_result = 1; r->result = v; return v; }
            return v;
        }
        rexx_error(r, 43);
    }
    if (r->depth >= 250) rexx_error(r, 11);
    rexx_check_stack(r);
    struct act *a = rx_alloc(r, sizeof *a), *caller = r->act;
    *a = *caller;
    a->caller = caller;
    a->call_type = function ? 2 : 1;
    a->clauses = 0;
    a->loops = 0;
    a->call_line = r->line;
    a->nargs = nargs;
    a->args = rx_alloc(r, (u32)(nargs + 1) * sizeof(char *));
    for (int i = 0; i < nargs; i++) a->args[i] = args[i] ? rx_strdup(r, args[i]) : NULL;
    struct program *prog = r->prog;
    int line = r->line;
    r->prog = &r->main;
    r->act = a;
    r->depth++;
    r->has_result = 0;
    r->result = NULL;
    rexx_run_routine(r, label);
    r->depth--;
    r->act = caller;
    r->prog = prog;
    r->line = line;
    r->ctl = CTL_NONE;
    if (a->pool != caller->pool) pool_free(r, a->pool);
    for (int i = 0; i < nargs; i++) rx_free(r, a->args[i]);
    rx_free(r, a->args);
    rx_free(r, a);
    if (function && !r->has_result) rexx_error(r, 44);
    return r->has_result ? r->result : NULL;
}
