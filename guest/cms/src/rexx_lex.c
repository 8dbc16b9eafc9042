/* vm67 CMS REXX: the program as tokens. Clauses end at ';', at the end of a
 * line (unless its last token is a comma: a continuation) and after a
 * label's colon. Comments nest; strings end on their line; X'..' and B'..'
 * strings become their characters; symbols are kept in upper case. */
#include "rexx_int.h"

static int symbol_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '!' || c == '?' || c == '_' || c == '@' || c == '#' || c == '$';
}

static int not_char(int c) { return c == '\\' || c == 0xAC || c == '^'; }

struct lexer {
    struct rexx *r;
    struct program *p;
    int cap;
    char *arena;
    int used, arena_size;
};

static struct token *add(struct lexer *L, int type, int line, int blank)
{
    struct program *p = L->p;
    if (p->ntok == L->cap) {
        int cap = L->cap * 2;
        struct token *t = rx_alloc(L->r, (u32)cap * sizeof *t);
        memcpy(t, p->tok, (size_t)p->ntok * sizeof *t);
        rx_free(L->r, p->tok);
        p->tok = t;
        L->cap = cap;
    }
    struct token *t = &p->tok[p->ntok++];
    memset(t, 0, sizeof *t);
    t->type = (u8)type;
    t->line = line;
    t->blank = (u8)blank;
    t->text = "";
    return t;
}

static char *keep(struct lexer *L, const char *s, int n)
{
    char *d = L->arena + L->used;
    memcpy(d, s, (size_t)n);
    d[n] = 0;
    L->used += n + 1;
    return d;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = toupper(c);
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A hex or binary string's characters, in place; -1 when invalid. */
static int pack(char *s, int n, int bits)
{
    char digits[512];
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] == ' ') continue;
        int v = bits == 4 ? hexval((u8)s[i]) : (s[i] == '0' ? 0 : s[i] == '1' ? 1 : -1);
        if (v < 0 || k >= (int)sizeof digits) return -1;
        digits[k++] = (char)v;
    }
    int per = 8 / bits, out = 0, lead = k % per;
    int i = 0;
    if (lead) {
        int v = 0;
        for (; i < lead; i++) v = v << bits | digits[i];
        s[out++] = (char)ebcdic_to_ascii[v];
    }
    while (i < k) {
        int v = 0;
        for (int j = 0; j < per; j++) v = v << bits | digits[i++];
        s[out++] = (char)ebcdic_to_ascii[v];     /* the codes are EBCDIC */
    }
    return out;
}

static const struct { const char *text; u8 op; } operators[] = {
    {"\\==", OP_SNE}, {"\\>>", OP_SLE}, {"\\<<", OP_SGE}, {">>=", OP_SGE}, {"<<=", OP_SLE},
    {"==", OP_SEQ}, {"\\=", OP_NE}, {"<>", OP_NE}, {"><", OP_NE}, {">=", OP_GE}, {"<=", OP_LE},
    {"\\>", OP_LE}, {"\\<", OP_GE}, {">>", OP_SGT}, {"<<", OP_SLT}, {"||", OP_CAT}, {"&&", OP_XOR},
    {"**", OP_POW}, {"//", OP_REM},
    {"=", OP_EQ}, {">", OP_GT}, {"<", OP_LT}, {"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL},
    {"/", OP_DIV}, {"%", OP_IDIV}, {"&", OP_AND}, {"|", OP_OR}, {"\\", OP_NOT},
};

void rexx_tokenize(struct rexx *r, const char *text, int first_line, struct program *p)
{
    struct lexer L;
    int size = (int)strlen(text);
    L.r = r;
    L.p = p;
    L.cap = size / 3 + 16;
    p->tok = rx_alloc(r, (u32)L.cap * sizeof(struct token));
    p->ntok = 0;
    L.arena_size = size + 2 * (size / 2 + 16);
    L.arena = p->arena = rx_alloc(r, (u32)L.arena_size);
    L.used = 0;
    int line = first_line, blank = 0;
    const char *s = text;
    while (*s) {
        int c = (u8)*s;
        if (c == '\n') {
            /* A comma ending the line continues the clause. */
            struct token *last = p->ntok ? &p->tok[p->ntok - 1] : NULL;
            if (last && last->type == T_COMMA && last->line == line) {
                p->ntok--;
                blank = 1;
            } else if (last && last->type != T_EOC) {
                add(&L, T_EOC, line, 0);
            }
            line++;
            s++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r') { blank = 1; s++; continue; }
        if (c == '/' && s[1] == '*') {
            int depth = 0, start = line;
            while (*s) {
                if (s[0] == '/' && s[1] == '*') { depth++; s += 2; }
                else if (s[0] == '*' && s[1] == '/') { s += 2; if (--depth == 0) break; }
                else { if (*s == '\n') line++; s++; }
            }
            if (depth) { r->line = start; rexx_error(r, 6); }
            continue;                       /* a comment is not a blank: strings around it abut */
        }
        if (c == '\'' || c == '"') {
            struct token *t = add(&L, T_STR, line, blank);
            char *d = L.arena + L.used;
            int n = 0;
            s++;
            for (;;) {
                if (!*s || *s == '\n') { r->line = line; rexx_error(r, 6); }
                if ((u8)*s == c) {
                    if ((u8)s[1] == c) { d[n++] = (char)c; s += 2; continue; }
                    s++;
                    break;
                }
                d[n++] = *s++;
            }
            if ((*s == 'x' || *s == 'X' || *s == 'b' || *s == 'B') && !symbol_char((u8)s[1])) {
                int bits = (*s == 'x' || *s == 'X') ? 4 : 1;
                n = pack(d, n, bits);
                if (n < 0) { r->line = line; rexx_error(r, 15); }
                t->hex = 1;
                s++;
            }
            d[n] = 0;
            t->text = d;
            t->len = n;
            L.used += n + 1;
            blank = 0;
            continue;
        }
        if (symbol_char(c)) {
            const char *b = s;
            int numeric = isdigit(c) || c == '.';
            while (symbol_char((u8)*s)) {
                /* 1E+5: the sign belongs to a number's exponent. */
                if (numeric && (*s == 'E' || *s == 'e') && (s[1] == '+' || s[1] == '-') && isdigit((u8)s[2])) {
                    s += 2;
                    continue;
                }
                s++;
            }
            struct token *t = add(&L, T_SYM, line, blank);
            t->text = keep(&L, b, (int)(s - b));
            t->len = (int)(s - b);
            for (char *q = t->text; *q; q++) *q = (char)toupper((u8)*q);
            blank = 0;
            /* A label: the colon ends the clause. */
            const char *q = s;
            while (*q == ' ' || *q == '\t') q++;
            if (*q == ':') {
                add(&L, T_COLON, line, 0);
                add(&L, T_EOC, line, 0);
                s = q + 1;
            }
            continue;
        }
        if (c == ';') {
            if (p->ntok && p->tok[p->ntok - 1].type != T_EOC) add(&L, T_EOC, line, 0);
            s++;
            blank = 0;
            continue;
        }
        if (c == '(' || c == ')' || c == ',' || c == ':') {
            add(&L, c == '(' ? T_LPAREN : c == ')' ? T_RPAREN : c == ',' ? T_COMMA : T_COLON, line, blank);
            s++;
            blank = 0;
            continue;
        }
        int found = 0;
        for (u32 i = 0; i < sizeof operators / sizeof operators[0]; i++) {
            const char *o = operators[i].text;
            int n = (int)strlen(o), ok = 1;
            for (int k = 0; k < n && ok; k++)
                ok = o[k] == '\\' ? not_char((u8)s[k]) : s[k] == o[k];
            if (!ok) continue;
            struct token *t = add(&L, T_OP, line, blank);
            t->op = operators[i].op;
            t->text = keep(&L, s, n);
            t->len = n;
            s += n;
            found = 1;
            break;
        }
        if (!found) { r->line = line; rexx_error(r, 13); }
        blank = 0;
    }
    if (p->ntok && p->tok[p->ntok - 1].type != T_EOC) add(&L, T_EOC, line, 0);
    add(&L, T_END, line, 0);
}
