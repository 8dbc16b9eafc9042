/* vm67 CMS REXX: variables. Each PROCEDURE has its own pool; a name it
 * EXPOSEs is an entry that points at the caller's pool. A stem (`A.`) holds
 * the value every compound `A.x` has until it is set itself. */
#include "rexx_int.h"

struct var {
    struct var *next;
    char *name;
    char *value;            /* NULL: dropped (or only an exposure) */
    struct pool *exposed;   /* the variable lives in that pool */
};

struct pool *pool_new(struct rexx *r) { return rx_zalloc(r, sizeof(struct pool)); }

static u32 hash(const char *s)
{
    u32 h = 0;
    while (*s) h = h * 31 + (u8)*s++;
    return h & 31;
}

static struct var *find(struct pool *p, const char *name)
{
    for (struct var *v = p->bucket[hash(name)]; v; v = v->next)
        if (strcmp(v->name, name) == 0) return v;
    return NULL;
}

static struct var *make(struct rexx *r, struct pool *p, const char *name)
{
    struct var *v = rx_zalloc(r, sizeof *v);
    v->name = rx_strdup(r, name);
    u32 h = hash(name);
    v->next = p->bucket[h];
    p->bucket[h] = v;
    return v;
}

/* The stem of a compound name ("A." of "A.B"), or 0 when it is simple. */
static int stem_length(const char *name)
{
    for (int i = 0; name[i]; i++)
        if (name[i] == '.') return i + 1;
    return 0;
}

/* The pool that holds `name` (following exposures), starting at p. */
static struct pool *home(struct pool *p, const char *name)
{
    for (int guard = 0; guard < 1000; guard++) {
        struct var *v = find(p, name);
        if (v && v->exposed) { p = v->exposed; continue; }
        if (v) return p;
        int n = stem_length(name);
        if (n && name[n]) {
            char stem[256];
            if (n >= (int)sizeof stem) return p;
            memcpy(stem, name, (size_t)n);
            stem[n] = 0;
            struct var *s = find(p, stem);
            if (s && s->exposed) { p = s->exposed; continue; }
        }
        return p;
    }
    return p;
}

const char *var_get(struct rexx *r, const char *name)
{
    struct pool *p = home(r->act->pool, name);
    struct var *v = find(p, name);
    if (v && v->value) return v->value;
    if (v && !v->value && !stem_length(name)) return NULL;
    int n = stem_length(name);
    if (n && name[n]) {
        char stem[256];
        if (n >= (int)sizeof stem) return NULL;
        memcpy(stem, name, (size_t)n);
        stem[n] = 0;
        if (v) return NULL;         /* dropped itself */
        struct var *s = find(p, stem);
        if (s && s->value) return s->value;
    }
    return NULL;
}

/* Drops every compound of the stem in pool p. */
static void drop_compounds(struct rexx *r, struct pool *p, const char *stem)
{
    size_t n = strlen(stem);
    for (int b = 0; b < 32; b++)
        for (struct var **link = &p->bucket[b]; *link;) {
            struct var *v = *link;
            if (!v->exposed && strncmp(v->name, stem, n) == 0 && v->name[n]) {
                *link = v->next;
                rx_free(r, v->value);
                rx_free(r, v->name);
                rx_free(r, v);
            } else {
                link = &v->next;
            }
        }
}

void var_set(struct rexx *r, const char *name, const char *value)
{
    struct pool *p = home(r->act->pool, name);
    struct var *v = find(p, name);
    if (!v) v = make(r, p, name);
    int n = stem_length(name);
    if (n && !name[n]) drop_compounds(r, p, name);
    rx_free(r, v->value);
    v->value = rx_strdup(r, value);
}

void var_drop(struct rexx *r, const char *name)
{
    struct pool *p = home(r->act->pool, name);
    struct var *v = find(p, name);
    int n = stem_length(name);
    if (n && !name[n]) drop_compounds(r, p, name);
    /* A compound of a stem with a value stays, as dropped; others go. */
    struct var *stem = NULL;
    if (n && name[n]) {
        char s[256];
        if (n < (int)sizeof s) {
            memcpy(s, name, (size_t)n);
            s[n] = 0;
            stem = find(p, s);
        }
    }
    int marker = stem && stem->value;
    if (!v) {
        if (!marker) return;
        v = make(r, p, name);
    }
    rx_free(r, v->value);
    v->value = NULL;
    if (!marker && !v->exposed) {
        for (struct var **link = &p->bucket[hash(name)]; *link; link = &(*link)->next)
            if (*link == v) {
                *link = v->next;
                rx_free(r, v->name);
                rx_free(r, v);
                break;
            }
    }
}

void var_expose(struct rexx *r, struct pool *into, struct pool *from, const char *name)
{
    struct var *v = find(into, name);
    if (!v) v = make(r, into, name);
    v->exposed = from;
}

static int constant_symbol(const char *s) { return isdigit((u8)s[0]) || s[0] == '.'; }

char *var_resolve(struct rexx *r, const char *symbol)
{
    int n = stem_length(symbol);
    if (!n || !symbol[n] || constant_symbol(symbol)) return rx_strdup(r, symbol);
    char out[512];
    int at = n;
    memcpy(out, symbol, (size_t)n);
    const char *s = symbol + n;
    for (;;) {
        const char *e = s;
        while (*e && *e != '.') e++;
        char part[256];
        int len = (int)(e - s);
        if (len >= (int)sizeof part) len = sizeof part - 1;
        memcpy(part, s, (size_t)len);
        part[len] = 0;
        const char *value = part;
        if (len && !constant_symbol(part)) {
            const char *v = var_get(r, part);
            if (v) value = v;
        }
        int vl = (int)strlen(value);
        if (at + vl + 2 >= (int)sizeof out) rexx_error(r, 5);
        memcpy(out + at, value, (size_t)vl);
        at += vl;
        if (!*e) break;
        out[at++] = '.';
        s = e + 1;
    }
    out[at] = 0;
    return rx_strdup(r, out);
}

char *sym_value(struct rexx *r, const char *symbol)
{
    if (constant_symbol(symbol)) return rx_strdup(r, symbol);
    char *name = var_resolve(r, symbol);
    const char *v = var_get(r, name);
    if (v) {
        rx_free(r, name);
        return rx_strdup(r, v);
    }
    return name;
}

void pool_free(struct rexx *r, struct pool *p)
{
    for (int b = 0; b < 32; b++)
        for (struct var *v = p->bucket[b], *next; v; v = next) {
            next = v->next;
            rx_free(r, v->value);
            rx_free(r, v->name);
            rx_free(r, v);
        }
    rx_free(r, p);
}
