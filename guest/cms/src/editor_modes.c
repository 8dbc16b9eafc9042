/* vm67 CMS: the editors' modes, as VM/370 R6 CMS EDIT has them: IMAGE and
 * TABSET (how a typed line with tabs and backspaces becomes columns),
 * LONG and SHORT (the error messages), PRESERVE and RESTORE (the settings
 * kept and put back), and line-number editing: LINEMODE LEFT|RIGHT|OFF,
 * PROMPT (the increment of the numbers input mode gives), RENUM (VSBASIC
 * and FREEFORT files renumbered) and the "nnnnn [text]" subcommand. */
#include "editor.h"

/* What PRESERVE keeps (R6: CASE, FMODE, FNAME, IMAGE, LINEMODE, LONG or
 * SHORT, RECFM, SERIAL, TABSET, TRUNC, VERIFY and ZONE). One editing
 * session runs at a time, so one saved set is enough. */
struct ed_settings {
    int case_upper, image, long_messages, linemode, verify, serial;
    char fn[9], mode, digit, recfm, serial_id[4];
    u8 tabs[ED_TABS];
    int ntabs;
    u32 trunc, verify_end, zone1, zone2, serial_incr, prompt;
};
static struct ed_settings kept;

/* The default tab stops of a filetype (R6 EDIT's table). */
struct tab_default { const char *ft; u8 stops[16]; };
static const struct tab_default tab_defaults[] = {
    { "ASSEMBLE", { 1, 10, 16, 31, 36, 41, 46, 69, 72, 80 } },
    { "MACRO", { 1, 10, 16, 31, 36, 41, 46, 69, 72, 80 } },
    { "UPDATE", { 1, 10, 16, 31, 36, 41, 46, 69, 72, 80 } },
    { "FORTRAN", { 1, 7, 10, 15, 20, 25, 30, 80 } },
    { "COBOL", { 1, 8, 12, 20, 28, 36, 44, 68, 72, 80 } },
    { "PLI", { 2, 4, 7, 10, 13, 16, 19, 22, 25, 31, 37, 43, 49, 55, 79, 80 } },
    { "FREEFORT", { 9, 15, 18, 23, 28, 33, 38, 81 } },
    { NULL, { 1, 6, 11, 16, 21, 26, 31, 36, 41, 46, 51, 61, 71, 81 } },
};

void ed_mode_defaults(struct editor *e)
{
    const struct tab_default *t = tab_defaults;
    while (t->ft && strcmp(t->ft, e->ft) != 0) t++;
    e->ntabs = 0;
    for (int i = 0; i < 16 && t->stops[i]; i++) e->tabs[e->ntabs++] = t->stops[i];
    e->image = 1;
    e->long_messages = 1;
    e->linemode = 0;
    e->prompt = 10;
    e->x_sub[0] = e->y_sub[0] = 0;
    e->xy_depth = 0;
    e->preserved = NULL;
}

u32 ed_image(struct editor *e, const char *in, u32 len, char *out, u32 max)
{
    if (!e->image) {
        if (len > max) len = max;
        memcpy(out, in, len);
        return len;
    }
    u32 col = 0, end = 0;               /* the next column (0-based), the length */
    for (u32 i = 0; i < len; i++) {
        char c = in[i];
        if (c == '\t') {
            /* To the next stop after this column (a blank if none). */
            u32 next = col + 1;
            for (int k = 0; k < e->ntabs; k++)
                if (e->tabs[k] - 1u > col) { next = e->tabs[k] - 1u; break; }
            if (next > max) next = max;
            while (end < next) out[end++] = ' ';
            col = next;
        } else if (c == '\b') {
            if (col) col--;             /* the next character overtypes */
        } else if (col < max) {
            while (end < col) out[end++] = ' ';
            if (col == end) out[end++] = c;
            else if (c != ' ') out[col] = c;
            col++;
        }
    }
    return end;
}

int ed_number_field(struct editor *e, u32 *first, u32 *width)
{
    if (e->linemode == ED_RIGHT) {
        *first = 76;
        *width = 5;
    } else {
        *first = 1;
        *width = strcmp(e->ft, "FREEFORT") == 0 ? 8 : 5;
    }
    return e->linemode != 0 || strcmp(e->ft, "FREEFORT") == 0 || strcmp(e->ft, "VSBASIC") == 0;
}

u32 ed_line_number(struct editor *e, u32 n)
{
    u32 first, width, len, v = 0;
    ed_number_field(e, &first, &width);
    const char *t = ed_text(e, n, &len);
    for (u32 c = first; c < first + width && c <= len; c++)
        if (t[c - 1] >= '0' && t[c - 1] <= '9') v = v * 10 + (u32)(t[c - 1] - '0');
    return v;
}

static u32 field_limit(u32 width) { return width >= 8 ? 99999999u : 99999u; }

u32 ed_next_number(struct editor *e, u32 after)
{
    u32 first, width;
    ed_number_field(e, &first, &width);
    u32 base = after >= 1 && after <= e->count ? ed_line_number(e, after) : 0;
    u32 next = base + e->prompt;
    /* Below the next line's number: halfway when the increment is too big. */
    if (after < e->count) {
        u32 following = ed_line_number(e, after + 1);
        if (next >= following) next = following > base + 1 ? base + (following - base) / 2 : 0;
    }
    return next > field_limit(width) ? 0 : next;
}

u32 ed_numbered(struct editor *e, const char *text, u32 len, u32 number, char *out)
{
    u32 first, width;
    ed_number_field(e, &first, &width);
    char digits[12];
    format(digits, sizeof digits, width == 8 ? "%08u" : "%05u", number);
    u32 n = 0;
    if (e->linemode == ED_RIGHT) {
        if (len > first - 1) len = first - 1;
        memcpy(out, text, len);
        for (n = len; n < first - 1; n++) out[n] = ' ';
        memcpy(out + n, digits, width);
        return n + width;
    }
    memcpy(out, digits, width);
    n = width;
    if (width < 8) out[n++] = ' ';      /* VSBASIC: a blank after the number */
    if (len > e->lrecl - n) len = e->lrecl - n;
    memcpy(out + n, text, len);
    return n + len;
}

/* The line holding number v, or the last one below it (0: none). */
static u32 line_at_or_before(struct editor *e, u32 v, int *exact)
{
    u32 found = 0;
    *exact = 0;
    for (u32 ln = 1; ln <= e->count; ln++) {
        u32 k = ed_line_number(e, ln);
        if (k > v) break;
        found = ln;
        if (k == v) {
            *exact = 1;
            break;
        }
    }
    return found;
}

int ed_numbered_subcommand(struct editor *e, const char *typed)
{
    if (!e->linemode) return -1;
    const char *s = typed;
    while (*s == ' ') s++;
    u32 v = 0, digits = 0, first, width;
    ed_number_field(e, &first, &width);
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (u32)(*s++ - '0');
        if (++digits > width) return -1;
    }
    if (*s && *s != ' ') return -1;
    int exact;
    u32 ln = line_at_or_before(e, v, &exact);
    if (!*s || !s[1]) {
        /* nnnnn alone: there (or the line before where it would be). */
        e->current = ln;
        if (e->current == 0) e->message(e, "TOF:");
        else if (e->verify && e->show_current && !e->fullscreen) e->show_current(e);
        return 0;
    }
    char text[ED_LINE + 1], line[ED_MAXLRECL + 8];
    u32 n = ed_image(e, s + 1, strlen(s + 1), text, ED_LINE);
    if (e->case_upper)
        for (u32 i = 0; i < n; i++) text[i] = (char)toupper((u8)text[i]);
    u32 len = ed_numbered(e, text, n, v, line);
    if (exact) {
        ed_replace(e, ln, line, len);
        e->current = ln;
    } else {
        if (ed_insert(e, ln, line, len)) {
            e->message(e, "DMSEDI132S FILE TOO LARGE");
            return 0;
        }
        e->current = ln + 1;
    }
    return 0;
}

/* RENUM [start [increment]]: VSBASIC and FREEFORT files only. */
static int renumber(struct editor *e, u32 start, u32 incr)
{
    int basic = strcmp(e->ft, "VSBASIC") == 0, fort = strcmp(e->ft, "FREEFORT") == 0;
    if (!basic && !fort) return -1;
    u32 width = fort ? 8 : 5;
    if (start == 0 || incr == 0 || start + (u64)incr * (e->count ? e->count - 1 : 0) > field_limit(width))
        return -1;
    for (u32 ln = 1; ln <= e->count; ln++) {
        u32 len;
        const char *t = ed_text(e, ln, &len);
        char line[ED_MAXLRECL + 8], digits[12];
        memcpy(line, t, len);
        while (len < width) line[len++] = ' ';
        format(digits, sizeof digits, fort ? "%08u" : "%05u", start + incr * (ln - 1));
        memcpy(line, digits, width);
        ed_replace(e, ln, line, len);
    }
    return 0;
}

static void preserve(struct editor *e)
{
    kept.case_upper = e->case_upper;
    kept.image = e->image;
    kept.long_messages = e->long_messages;
    kept.linemode = e->linemode;
    kept.verify = e->verify;
    kept.serial = e->serial;
    memcpy(kept.fn, e->fn, sizeof kept.fn);
    kept.mode = e->mode;
    kept.digit = e->digit;
    kept.recfm = e->recfm;
    memcpy(kept.serial_id, e->serial_id, sizeof kept.serial_id);
    memcpy(kept.tabs, e->tabs, sizeof kept.tabs);
    kept.ntabs = e->ntabs;
    kept.trunc = e->trunc;
    kept.verify_end = e->verify_end;
    kept.zone1 = e->zone1;
    kept.zone2 = e->zone2;
    kept.serial_incr = e->serial_incr;
    kept.prompt = e->prompt;
    e->preserved = &kept;
}

static void restore(struct editor *e)
{
    const struct ed_settings *k = e->preserved;
    e->case_upper = k->case_upper;
    e->image = k->image;
    e->long_messages = k->long_messages;
    e->linemode = k->linemode;
    e->verify = k->verify;
    e->serial = k->serial;
    memcpy(e->fn, k->fn, sizeof e->fn);
    e->mode = k->mode;
    e->digit = k->digit;
    if (e->recfm != k->recfm) e->changed = 1;
    e->recfm = k->recfm;
    memcpy(e->serial_id, k->serial_id, sizeof e->serial_id);
    memcpy(e->tabs, k->tabs, sizeof e->tabs);
    e->ntabs = k->ntabs;
    e->trunc = k->trunc;
    e->verify_end = k->verify_end;
    e->zone1 = k->zone1;
    e->zone2 = k->zone2;
    e->serial_incr = k->serial_incr;
    e->prompt = k->prompt;
}

/* The operands as numbers: how many there are, -1 when one is not. */
static int numbers(const char *s, u32 *v, int max)
{
    int n = 0;
    for (;;) {
        while (*s == ' ') s++;
        if (!*s) return n;
        char w[12];
        int k = 0;
        while (*s && *s != ' ') {
            if (k < 11) w[k++] = *s;
            s++;
        }
        w[k] = 0;
        if (n == max || !parse_dec(w, &v[n])) return -1;
        n++;
    }
}

/* The first operand (upper case) and whether anything follows it. */
static int one_word(const char *s, char *w, int max)
{
    while (*s == ' ') s++;
    int k = 0;
    while (*s && *s != ' ') {
        if (k < max - 1) w[k++] = (char)toupper((u8)*s);
        s++;
    }
    w[k] = 0;
    while (*s == ' ') s++;
    return *s != 0;
}

int ed_mode_subcommand(struct editor *e, const char *name, const char *ops)
{
    char w[10];
    int more = one_word(ops, w, sizeof w);
    if (strcmp(name, "IMAGE") == 0) {
        if (more) return -1;
        if (!w[0]) ed_say(e, "IMAGE %s", e->image ? "ON" : "OFF");
        else if (strcmp(w, "ON") == 0) e->image = 1;
        else if (strcmp(w, "OFF") == 0) e->image = 0;
        else return -1;
    } else if (strcmp(name, "TABSET") == 0) {
        u32 v[ED_TABS];
        int n = numbers(ops, v, ED_TABS);
        if (n <= 0) return -1;
        for (int i = 0; i < n; i++)
            if (v[i] < 1 || v[i] > ED_MAXLRECL || (i && v[i] <= v[i - 1])) return -1;
        for (int i = 0; i < n; i++) e->tabs[i] = (u8)v[i];
        e->ntabs = n;
    } else if (strcmp(name, "LONG") == 0 || strcmp(name, "SHORT") == 0) {
        if (w[0]) return -1;
        e->long_messages = name[0] == 'L';
    } else if (strcmp(name, "PRESERVE") == 0) {
        if (w[0]) return -1;
        preserve(e);
    } else if (strcmp(name, "RESTORE") == 0) {
        if (w[0] || !e->preserved) return -1;
        restore(e);
    } else if (strcmp(name, "LINEMODE") == 0) {
        if (more) return -1;
        if (!w[0]) ed_say(e, "LINEMODE %s", e->linemode == ED_LEFT ? "LEFT" : e->linemode == ED_RIGHT ? "RIGHT" : "OFF");
        else if (strcmp(w, "LEFT") == 0) e->linemode = ED_LEFT;
        else if (strcmp(w, "RIGHT") == 0 && e->lrecl >= 80) e->linemode = ED_RIGHT;
        else if (strcmp(w, "OFF") == 0) e->linemode = 0;
        else return -1;
    } else if (strcmp(name, "PROMPT") == 0) {
        u32 v[1];
        int n = numbers(ops, v, 1);
        if (n == 0) ed_say(e, "PROMPT %u", e->prompt);
        else if (n == 1 && v[0] >= 1 && v[0] <= 99999) e->prompt = v[0];
        else return -1;
    } else if (strcmp(name, "RENUM") == 0) {
        u32 v[2] = { 10, 0 };
        int n = numbers(ops, v, 2);
        if (n < 0) return -1;
        if (n < 2) v[1] = 10;
        return renumber(e, v[0], v[1]);
    } else {
        return -1;
    }
    return 0;
}
