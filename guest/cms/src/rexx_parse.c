/* vm67 CMS REXX: PARSE templates. Variables between patterns share a piece
 * of the source: one blank-delimited word each, the last the rest. Patterns
 * are strings ('x' or (var)), absolute positions (5, =5, =(var)) and
 * relative ones (+3, -2, +(var)); a comma starts the template of the next
 * source (PARSE ARG's arguments). */
#include "rexx_int.h"

#define TK(i) (&r->prog->tok[i])

static void set_target(struct rexx *r, int t, const char *s, int n)
{
    const char *name = TK(t)->text;
    if (!strcmp(name, ".")) return;
    if (isdigit((u8)name[0]) || name[0] == '.') rexx_error(r, 31);
    char *value = rx_strndup(r, s, n);
    char *full = var_resolve(r, name);
    var_set(r, full, value);
    rx_free(r, full);
    rx_free(r, value);
}

/* The targets share s[0..n). */
static void assign_words(struct rexx *r, int *targets, int count, const char *s, int n)
{
    int at = 0;
    for (int k = 0; k < count; k++) {
        if (k == count - 1) {
            set_target(r, targets[k], s + at, n - at);
            return;
        }
        while (at < n && s[at] == ' ') at++;
        int start = at;
        while (at < n && s[at] != ' ') at++;
        set_target(r, targets[k], s + start, at - start);
        if (at < n) at++;           /* the blank that ended the word */
    }
}

static int find(const char *s, int n, int from, const char *pat, int m)
{
    if (m == 0) return -1;
    for (int i = from; i + m <= n; i++)
        if (memcmp(s + i, pat, (size_t)m) == 0) return i;
    return -1;
}

static void one_template(struct rexx *r, const char *src, int from, int to)
{
    int n = (int)strlen(src);
    int start = 0, last_match = 0;
    int targets[32], count = 0;
    int i = from;
    while (i < to) {
        struct token *t = TK(i);
        if (t->type == T_SYM && !isdigit((u8)t->text[0])) {
            if (count == 32) rexx_error(r, 38);
            targets[count++] = i++;
            continue;
        }
        /* A pattern. */
        int kind = 0;           /* 1 literal, 2 absolute, 3 relative */
        int sign = 1;
        char *value = NULL;
        if (t->type == T_OP && (t->op == OP_ADD || t->op == OP_SUB || t->op == OP_EQ)) {
            kind = t->op == OP_EQ ? 2 : 3;
            sign = t->op == OP_SUB ? -1 : 1;
            i++;
            if (i >= to) rexx_error(r, 38);
            t = TK(i);
            if (t->type == T_SYM && isdigit((u8)t->text[0])) { value = rx_strdup(r, t->text); i++; }
            else if (t->type == T_LPAREN && i + 2 < to + 1 && TK(i + 1)->type == T_SYM && TK(i + 2)->type == T_RPAREN) {
                value = sym_value(r, TK(i + 1)->text);
                i += 3;
            } else rexx_error(r, 38);
        } else if (t->type == T_SYM) {
            kind = 2;
            value = rx_strdup(r, t->text);
            i++;
        } else if (t->type == T_STR) {
            kind = 1;
            value = rx_strndup(r, t->text, t->len);
            i++;
        } else if (t->type == T_LPAREN && i + 2 < to + 1 && TK(i + 1)->type == T_SYM && TK(i + 2)->type == T_RPAREN) {
            kind = 1;
            value = sym_value(r, TK(i + 1)->text);
            i += 3;
        } else {
            rexx_error(r, 38);
        }
        int seg_end, next;
        if (kind == 1) {
            int m = (int)strlen(value);
            int k = find(src, n, start, value, m);
            if (k < 0) { seg_end = n; next = n; last_match = n; }
            else { seg_end = k; next = k + m; last_match = k; }
        } else {
            i32 v;
            if (!num_is_whole(r, value, &v)) rexx_error(r, 26);
            int p = kind == 2 ? v - 1 : last_match + sign * v;
            if (p < 0) p = 0;
            if (p > n) p = n;
            seg_end = p > start ? p : n;
            next = p;
            last_match = p;
        }
        rx_free(r, value);
        assign_words(r, targets, count, src + start, seg_end - start);
        count = 0;
        start = next;
    }
    assign_words(r, targets, count, src + start, n - start);
}

void rexx_parse_template(struct rexx *r, char **sources, int nsources, int from, int to)
{
    int k = 0, start = from;
    for (int i = from; i <= to; i++) {
        if (i == to || TK(i)->type == T_COMMA) {
            one_template(r, k < nsources ? sources[k] : "", start, i);
            k++;
            start = i + 1;
        }
    }
}
