/* vm67 CMS: the editors' subcommands, as VM/370 R6 CMS EDIT has them
 * (names and shortest abbreviations, the current-line pointer with its null
 * top-of-file and end-of-file lines, "TOF:"/"EOF:", "?EDIT:" for what it
 * does not know). XEDIT runs the same set; only its QUIT asks for QQUIT
 * when the file has changed, and it has no verification typing. */
#include "editor.h"
#include "commands.h"

void ed_say(struct editor *e, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vformat(line, sizeof line, fmt, ap);
    va_end(ap);
    e->message(e, line);
}

void ed_defaults(struct editor *e)
{
    e->case_upper = strcmp(e->ft, "MEMO") != 0 && strcmp(e->ft, "SCRIPT") != 0;
    e->verify = 1;
    e->trunc = e->lrecl;
    e->verify_end = e->lrecl;
    e->zone1 = 1;
    e->zone2 = e->lrecl;
    e->serial = 0;
    memcpy(e->serial_id, e->fn, 3);
    e->serial_id[3] = 0;
    for (int i = 0; i < 3; i++)
        if (!e->serial_id[i]) e->serial_id[i] = ' ';
    e->serial_incr = 10;
    e->last[0] = 0;
    e->repeat = 0;
    e->input_mode = 0;
    e->done = 0;
    e->rc = 0;
    e->current = 0;
    ed_mode_defaults(e);
}

/* The current line after a move: verification (line mode), and the null
 * lines' names whatever VERIFY says. */
static void show(struct editor *e)
{
    if (e->fullscreen) return;          /* the screen shows where it is */
    if (e->current == 0) e->message(e, "TOF:");
    else if (e->current > e->count) e->message(e, "EOF:");
    else if (e->verify && e->show_current) e->show_current(e);
}

/* An error: the subcommand with ?EDIT: (LONG), or ?EDIT: alone (SHORT). */
static void bad(struct editor *e, const char *line)
{
    if (e->long_messages) ed_say(e, "?EDIT: %s", line);
    else e->message(e, "?EDIT:");
}

/* A search toward the top of the file that finds nothing: the top
 * ("TOF:") in line mode; full screen keeps its place and says so. */
static void not_found_up(struct editor *e)
{
    if (e->fullscreen) {
        e->message(e, "TARGET NOT FOUND");
        return;
    }
    e->current = 0;
    e->message(e, "TOF:");
}

/* A subcommand's operands, a cursor over them. */
struct ops { const char *s; };

static void skip_blanks(struct ops *o) { while (*o->s == ' ') o->s++; }

/* The next blank-delimited word (upper case), or "" at the end. */
static const char *word(struct ops *o, char *out, int max)
{
    skip_blanks(o);
    int n = 0;
    while (*o->s && *o->s != ' ') {
        if (n < max - 1) out[n++] = (char)toupper((u8)*o->s);
        o->s++;
    }
    out[n] = 0;
    return out;
}

static int at_end(struct ops *o)
{
    skip_blanks(o);
    return *o->s == 0;
}

/* n, * (everything: returns a huge count), or the default when absent;
 * -1 when the operand is not a number. */
static i32 count_operand(struct ops *o, i32 dflt)
{
    char w[12];
    word(o, w, sizeof w);
    if (!w[0]) return dflt;
    if (strcmp(w, "*") == 0) return 0x7FFFFFFF;
    u32 v;
    if (!parse_dec(w, &v) || v > 0x7FFFFFFF) return -1;
    return (i32)v;
}

/* A delimited string: the first nonblank is the delimiter; the string runs
 * to the next one or the end of the line. Returns its length, -1 if none. */
static int delimited(struct ops *o, char *out, int max, char *delimiter)
{
    skip_blanks(o);
    if (!*o->s) return -1;
    char d = *o->s++;
    if (delimiter) *delimiter = d;
    int n = 0;
    while (*o->s && *o->s != d) {
        if (n < max - 1) out[n++] = *o->s;
        o->s++;
    }
    if (*o->s == d) o->s++;
    out[n] = 0;
    return n;
}

/* Where `s` (len n) occurs in line `ln` within the zone from column `from`
 * (1-based); 0 when it does not. */
static u32 find_in_zone(struct editor *e, u32 ln, const char *s, u32 n, u32 from)
{
    u32 len;
    const char *t = ed_text(e, ln, &len);
    u32 last = e->zone2 < len ? e->zone2 : len;
    if (from < e->zone1) from = e->zone1;
    if (n == 0) return from;
    for (u32 c = from; c + n - 1 <= last; c++)
        if (memcmp(t + c - 1, s, n) == 0) return c;
    return 0;
}

/* A search that ends at the end of the file: there in line mode ("EOF:");
 * full screen keeps its place and says so. */
static void not_found(struct editor *e)
{
    if (e->fullscreen) {
        e->message(e, "TARGET NOT FOUND");
        return;
    }
    e->current = e->count + 1;
    show(e);
}

static void move_down(struct editor *e, u32 n)
{
    u32 target = e->current + n;
    e->current = target > e->count ? e->count + 1 : target;
    show(e);
}

static void move_up(struct editor *e, u32 n)
{
    e->current = n >= e->current ? 0 : e->current - n;
    show(e);
}

static void locate(struct editor *e, struct ops *o, const char *line, int up)
{
    char s[ED_LINE + 1];
    int n = delimited(o, s, sizeof s, NULL);
    if (n <= 0) {
        bad(e, line);
        return;
    }
    if ((u32)n > e->zone2 - e->zone1 + 1) {
        e->message(e, "ZONE ERROR");
        return;
    }
    if (up) {
        /* From the line above (from the end when at the top). */
        u32 ln = e->current == 0 || e->current > e->count ? e->count : e->current - 1;
        for (; ln >= 1; ln--) {
            if (find_in_zone(e, ln, s, (u32)n, 1)) {
                e->current = ln;
                show(e);
                return;
            }
        }
        not_found_up(e);
        return;
    }
    u32 start = e->current > e->count ? 1 : e->current + 1;
    for (u32 ln = start; ln <= e->count; ln++) {
        if (find_in_zone(e, ln, s, (u32)n, 1)) {
            e->current = ln;
            show(e);
            return;
        }
    }
    not_found(e);
}

/* FIND: a line that begins with the string (exactly one blank after the
 * subcommand name; the rest is the string). */
static int begins_with(struct editor *e, u32 ln, const char *s, u32 n)
{
    u32 len;
    const char *t = ed_text(e, ln, &len);
    return len >= n && memcmp(t, s, n) == 0;
}

/* FIND and FINDUP: with IMAGE ON the string's tabs become blanks first;
 * FINDUP searches toward the top (from the end when at the top). */
static void find(struct editor *e, const char *typed, int up)
{
    if (*typed == ' ') typed++;
    char rest[ED_LINE + 1];
    u32 n = ed_image(e, typed, strlen(typed), rest, ED_LINE);
    u32 blank = 0;
    while (blank < n && rest[blank] == ' ') blank++;
    if (blank == n) {
        if (up) move_up(e, 1);
        else move_down(e, 1);
        return;
    }
    if (up) {
        u32 ln = e->current == 0 || e->current > e->count ? e->count : e->current - 1;
        for (; ln >= 1; ln--) {
            if (begins_with(e, ln, rest, n)) {
                e->current = ln;
                show(e);
                return;
            }
        }
        not_found_up(e);
        return;
    }
    u32 start = e->current > e->count ? 1 : e->current + 1;
    for (u32 ln = start; ln <= e->count; ln++) {
        if (begins_with(e, ln, rest, n)) {
            e->current = ln;
            show(e);
            return;
        }
    }
    not_found(e);
}

static void change_lines(struct editor *e, const char *from, int nf, const char *to, int nt,
                         i32 lines, int global, int up);

/* The n|* and G|* operands after CHANGE's or ALTER's strings: 0, or -1
 * when they are wrong. */
static int change_counts(struct ops *o, i32 *lines, int *global)
{
    *lines = count_operand(o, 1);
    char g[4];
    word(o, g, sizeof g);
    *global = strcmp(g, "G") == 0 || strcmp(g, "*") == 0;
    return *lines <= 0 || (g[0] && !*global) || !at_end(o) ? -1 : 0;
}

/* CHANGE /old/new/ [n|*] [G|*]: in n lines from the current one (CHANGEUP:
 * toward the top). */
static void change(struct editor *e, struct ops *o, const char *line, int up)
{
    char from[ED_LINE + 1], to[ED_LINE + 1], d;
    int nf = delimited(o, from, sizeof from, &d);
    if (nf < 0) {
        bad(e, line);
        return;
    }
    /* The second string ends at the delimiter or the end of the line. */
    int nt = 0;
    while (*o->s && *o->s != d) {
        if (nt < ED_LINE) to[nt++] = *o->s;
        o->s++;
    }
    if (*o->s == d) o->s++;
    to[nt] = 0;
    i32 lines;
    int global;
    if (change_counts(o, &lines, &global) || (global && nf == 0)) {
        bad(e, line);
        return;
    }
    if ((u32)nf > e->zone2 - e->zone1 + 1) {
        e->message(e, "ZONE ERROR");
        return;
    }
    change_lines(e, from, nf, to, nt, lines, global, up);
}

/* One character, as ALTER takes it: itself, or two hexadecimal digits. */
static int alter_char(const char *w, char *c)
{
    if (w[0] && !w[1]) {
        *c = w[0];
        return 1;
    }
    if (strlen(w) != 2) return 0;
    u32 v = 0;
    for (int i = 0; i < 2; i++) {
        char h = w[i];
        if (h >= '0' && h <= '9') v = v * 16 + (u32)(h - '0');
        else if (h >= 'A' && h <= 'F') v = v * 16 + (u32)(h - 'A' + 10);
        else return 0;
    }
    /* The file is held in ASCII: the EBCDIC code point becomes its
     * ASCII character (X'C1' is A). */
    u8 ebcdic = (u8)v;
    from_ebcdic(c, &ebcdic, 1);
    return 1;
}

/* ALTER char1 char2 [n|*] [G|*] (ALTERUP toward the top): CHANGE of one
 * character, named by itself or its hexadecimal code. */
static void alter(struct editor *e, struct ops *o, const char *line, int up)
{
    char w1[4], w2[4], c1, c2;
    word(o, w1, sizeof w1);
    word(o, w2, sizeof w2);
    i32 lines;
    int global;
    if (!alter_char(w1, &c1) || !alter_char(w2, &c2) || change_counts(o, &lines, &global)) {
        bad(e, line);
        return;
    }
    change_lines(e, &c1, 1, &c2, 1, lines, global, up);
}

static void change_lines(struct editor *e, const char *from, int nf, const char *to, int nt,
                         i32 lines, int global, int up)
{
    if (up) {
        if (e->current > e->count) e->current = e->count;
    } else if (e->current == 0 && e->count) {
        e->current = 1;
    }
    u32 changed = 0, truncated = 0, ln = e->current;
    for (i32 k = 0; k < lines && ln >= 1 && ln <= e->count; k++, up ? ln-- : ln++) {
        u32 len;
        const char *t = ed_text(e, ln, &len);
        char buf[2 * ED_MAXLRECL + 2 * ED_LINE];
        u32 out = 0, at = 1, done = 0, copied = 0;
        for (;;) {
            u32 c = find_in_zone(e, ln, from, (u32)nf, at);
            if (!c || (nf == 0 && done)) break;
            /* Room for this change and the rest of the line (TRUNC cuts
             * the result anyway). */
            if (out + (c - 1 - copied) + (u32)nt + ED_MAXLRECL > sizeof buf) break;
            memcpy(buf + out, t + copied, c - 1 - copied);
            out += c - 1 - copied;
            memcpy(buf + out, to, (u32)nt);
            out += (u32)nt;
            copied = c - 1 + (u32)nf;
            at = copied + 1;
            done++;
            if (!global || nf == 0) break;
        }
        if (!done) continue;
        memcpy(buf + out, t + copied, len - copied);
        out += len - copied;
        if (out > e->trunc) {
            out = e->trunc;
            truncated++;
        }
        ed_replace(e, ln, buf, out);
        changed++;
        e->current = ln;
        if (e->verify && e->show_current && !e->fullscreen) e->show_current(e);
    }
    /* Line mode: the pointer ends on the last line searched (at the end:
     * EOF:); full screen keeps it on the last line changed. */
    if (lines > 1 && !e->fullscreen) {
        if (up) e->current = ln == 0 ? 0 : ln + 1;
        else e->current = ln > e->count ? e->count + 1 : ln - 1;
        if (e->current == 0 || e->current > e->count) show(e);
    }
    if (!changed) e->message(e, "NOT FOUND");
    else if (truncated) e->message(e, "TRUNCATED");
    if (e->fullscreen && changed && lines > 1) ed_say(e, "%u LINE(S) CHANGED", changed);
}

static void delete_lines(struct editor *e, struct ops *o, const char *line, int up)
{
    i32 n = count_operand(o, 1);
    if (n <= 0 || !at_end(o)) {
        bad(e, line);
        return;
    }
    if (up) {
        /* DELETEUP: the current line and those above it; the line before
         * the last one deleted becomes current. */
        if (e->current > e->count) e->current = e->count;
        while (n-- > 0 && e->current >= 1) {
            ed_delete(e, e->current);
            e->current--;
        }
        if (e->current == 0) show(e);
        return;
    }
    if (e->current == 0) e->current = 1;
    while (n-- > 0 && e->current <= e->count) ed_delete(e, e->current);
    if (e->current > e->count) show(e);
}

/* DSTRING /s/: the lines from the current one down to the first (after
 * it) that holds s. */
static void dstring(struct editor *e, struct ops *o, const char *line)
{
    char s[ED_LINE + 1];
    int n = delimited(o, s, sizeof s, NULL);
    if (e->current == 0) e->current = 1;
    if (e->current > e->count) {
        show(e);
        return;
    }
    if (n <= 0) {
        ed_delete(e, e->current);
        return;
    }
    u32 ln = e->current + 1;
    while (ln <= e->count && !find_in_zone(e, ln, s, (u32)n, 1)) ln++;
    if (ln > e->count) {
        e->message(e, "STRING NOT FOUND, NO DELETIONS MADE");
        return;
    }
    for (u32 k = e->current; k < ln; k++) ed_delete(e, e->current);
}

/* OVERLAY text: the text's nonblank characters replace the current line's
 * (an underscore puts a blank). */
static void overlay_line(struct editor *e, const char *rest)
{
    u32 len;
    const char *t = ed_text(e, e->current, &len);
    char buf[ED_MAXLRECL];
    memcpy(buf, t, len);
    for (u32 i = 0; rest[i] && i < e->trunc; i++) {
        while (len <= i) buf[len++] = ' ';
        if (rest[i] == '_') buf[i] = ' ';
        else if (rest[i] != ' ') buf[i] = rest[i];
    }
    ed_replace(e, e->current, buf, len);
    if (e->verify && e->show_current && !e->fullscreen) e->show_current(e);
}

/* OVERLAY, on the current line, or (after REPEAT n) on n lines from it;
 * the pointer ends on the last one. */
static void overlay(struct editor *e, const char *rest)
{
    if (*rest == ' ') rest++;
    i32 n = e->repeat ? e->repeat : 1;
    if (e->repeat && e->current == 0) e->current = 1;
    e->repeat = 0;
    for (i32 k = 0; k < n; k++) {
        if (e->current == 0 || e->current > e->count) {
            show(e);
            return;
        }
        overlay_line(e, rest);
        if (k + 1 < n) e->current++;
    }
}

int ed_input_line(struct editor *e, const char *text, u32 len)
{
    char buf[ED_LINE + 1], numbered[ED_MAXLRECL + 8];
    len = ed_image(e, text, len, buf, ED_LINE);
    if (e->case_upper)
        for (u32 i = 0; i < len; i++) buf[i] = (char)toupper((u8)buf[i]);
    u32 after = e->current > e->count ? e->count : e->current;
    if (e->linemode) {
        /* Line-number editing: the line gets the next number. */
        u32 number = ed_next_number(e, after);
        if (!number) {
            e->message(e, "?EDIT: RENUM");
            return -1;
        }
        len = ed_numbered(e, buf, len, number, numbered);
        memcpy(buf, numbered, len > ED_LINE ? ED_LINE : len);
        if (len > ED_LINE) len = ED_LINE;
    }
    if (len > e->trunc) {
        len = e->trunc;
        e->message(e, "TRUNCATED");
    }
    if (ed_insert(e, after, buf, len)) {
        e->message(e, "DMSEDI132S FILE TOO LARGE");
        return -1;
    }
    e->current = after + 1;
    if (e->input_mode) ed_updated(e);
    return 0;
}

/* FILE/SAVE [fn [ft [fm]]]: the file under another identifier. */
static int write_as(struct editor *e, struct ops *o, const char *line)
{
    char fn[10], ft[10], fm[4];
    word(o, fn, sizeof fn);
    word(o, ft, sizeof ft);
    word(o, fm, sizeof fm);
    if (!at_end(o) || strlen(fn) > 8 || strlen(ft) > 8 || strlen(fm) > 2 ||
        (fm[0] && (fm[0] < 'A' || fm[0] > 'Z'))) {
        bad(e, line);
        return -1;
    }
    if (!fn[0]) return ed_write(e, NULL, NULL, 0, 0);
    /* The new identifier becomes the file's (as with FNAME and FMODE). */
    strcpy(e->fn, fn);
    if (ft[0]) strcpy(e->ft, ft);
    if (fm[0]) {
        e->mode = fm[0];
        if (fm[1]) e->digit = fm[1];
    }
    return ed_write(e, NULL, NULL, 0, 0);
}

/* A setting shown or set: ON/OFF words. */
static int on_off(const char *w, int *value)
{
    if (strcmp(w, "ON") == 0) *value = 1;
    else if (strcmp(w, "OFF") == 0) *value = 0;
    else return 0;
    return 1;
}

static void settings_command(struct editor *e, const char *name, struct ops *o, const char *line)
{
    char w1[10], w2[10];
    word(o, w1, sizeof w1);
    word(o, w2, sizeof w2);
    int trailing = !at_end(o);
    u32 v1 = 0, v2 = 0;
    int n1 = w1[0] && parse_dec(w1, &v1), n2 = w2[0] && parse_dec(w2, &v2);
    if (strcmp(name, "CASE") == 0) {
        if (!w1[0]) ed_say(e, "CASE %c", e->case_upper ? 'U' : 'M');
        else if (!w2[0] && (strcmp(w1, "U") == 0 || strcmp(w1, "M") == 0)) e->case_upper = w1[0] == 'U';
        else bad(e, line);
    } else if (strcmp(name, "VERIFY") == 0) {
        if (!w1[0]) ed_say(e, "VERIFY %s %u", e->verify ? "ON" : "OFF", e->verify_end);
        else if (on_off(w1, &e->verify) && (!w2[0] || (n2 && v2 >= 1 && v2 <= e->lrecl)) && !trailing) {
            if (n2) e->verify_end = v2;
        } else bad(e, line);
    } else if (strcmp(name, "TRUNC") == 0) {
        if (!w1[0]) ed_say(e, "TRUNC %u", e->trunc);
        else if (strcmp(w1, "*") == 0 && !w2[0]) e->trunc = e->lrecl;
        else if (n1 && v1 >= 1 && v1 <= e->lrecl && !w2[0]) e->trunc = v1;
        else bad(e, line);
    } else if (strcmp(name, "ZONE") == 0) {
        if (!w1[0]) ed_say(e, "ZONE %u %u", e->zone1, e->zone2);
        else if (n1 && v1 >= 1 && v1 <= e->lrecl && !trailing &&
                 (!w2[0] || strcmp(w2, "*") == 0 || (n2 && v2 >= v1 && v2 <= e->lrecl))) {
            e->zone1 = v1;
            e->zone2 = n2 ? v2 : e->lrecl;
        } else bad(e, line);
    } else if (strcmp(name, "SERIAL") == 0) {
        if (!w1[0]) {
            if (!e->serial) e->message(e, "SERIAL OFF");
            else if (e->serial == 2) ed_say(e, "SERIAL ALL %u", e->serial_incr);
            else ed_say(e, "SERIAL %s %u", e->serial_id, e->serial_incr);
            return;
        }
        if (trailing || (w2[0] && (!n2 || v2 == 0)) || e->recfm != 'F' || e->lrecl < 80) {
            bad(e, line);
            return;
        }
        if (strcmp(w1, "OFF") == 0) e->serial = 0;
        else if (strcmp(w1, "ALL") == 0) e->serial = 2;
        else {
            e->serial = 1;
            if (strcmp(w1, "ON") != 0) {
                memset(e->serial_id, ' ', 3);
                memcpy(e->serial_id, w1, strlen(w1) > 3 ? 3 : strlen(w1));
            }
        }
        if (n2) e->serial_incr = v2;
    } else if (strcmp(name, "AUTOSAVE") == 0) {
        if (!w1[0]) {
            if (e->autosave) ed_say(e, "AUTOSAVE %u", e->autosave);
            else e->message(e, "AUTOSAVE OFF");
        } else if (strcmp(w1, "OFF") == 0 && !w2[0]) {
            e->autosave = 0;
        } else if (n1 && v1 >= 1 && v1 <= 32767 && !w2[0]) {
            e->autosave = v1;
            e->updates = 0;
        } else {
            bad(e, line);
        }
    } else if (strcmp(name, "RECFM") == 0) {
        if (!w1[0]) ed_say(e, "RECFM %c", e->recfm);
        else if ((strcmp(w1, "F") == 0 || strcmp(w1, "V") == 0) && !w2[0]) {
            if (e->recfm != w1[0]) e->changed = 1;
            e->recfm = w1[0];
        } else bad(e, line);
    } else if (strcmp(name, "FNAME") == 0) {
        if (!w1[0]) ed_say(e, "FNAME %s", e->fn);
        else if (!w2[0] && strlen(w1) <= 8) strcpy(e->fn, w1);
        else bad(e, line);
    } else if (strcmp(name, "FMODE") == 0) {
        if (!w1[0]) ed_say(e, "FMODE %c%c", e->mode, e->digit);
        else if (!w2[0] && w1[0] >= 'A' && w1[0] <= 'Z' && strlen(w1) <= 2 &&
                 (!w1[1] || (w1[1] >= '0' && w1[1] <= '6'))) {
            e->mode = w1[0];
            if (w1[1]) e->digit = w1[1];
        } else bad(e, line);
    }
}

/* The subcommands with their shortest forms (R6 CMS EDIT). */
struct subcommand { const char *name; int minimum; };
static const struct subcommand table[] = {
    { "AUTOSAVE", 2 }, { "BACKWARD", 2 }, { "BOTTOM", 1 }, { "CASE", 2 }, { "CHANGE", 1 }, { "DELETE", 1 },
    { "DOWN", 2 }, { "DSTRING", 2 }, { "FILE", 4 }, { "FIND", 1 }, { "FMODE", 2 },
    { "FNAME", 2 }, { "FORWARD", 2 }, { "INPUT", 1 }, { "LOCATE", 1 }, { "NEXT", 1 },
    { "OVERLAY", 1 }, { "QUIT", 1 }, { "RECFM", 3 }, { "REPLACE", 1 }, { "SAVE", 4 },
    { "SERIAL", 2 }, { "TOP", 3 }, { "TRUNC", 2 }, { "TYPE", 1 }, { "UP", 1 },
    { "VERIFY", 1 }, { "ZONE", 1 },
    /* The ...UP forms: the same, toward the top of the file. */
    { "ALTER", 2 }, { "ALTERUP", 7 }, { "CHANGEUP", 7 }, { "DELETEUP", 8 }, { "FINDUP", 5 },
    { "LOCATEUP", 7 }, { "TYPEUP", 5 }, { "STACK", 3 }, { "STACKUP", 6 },
    { "X", 1 }, { "Y", 1 }, { "CMS", 3 },
    { "IMAGE", 2 }, { "TABSET", 3 }, { "LONG", 4 }, { "SHORT", 5 }, { "PRESERVE", 3 },
    { "RESTORE", 3 }, { "LINEMODE", 4 }, { "PROMPT", 3 }, { "RENUM", 3 }, { "REPEAT", 4 },
    { "GETFILE", 3 },
    /* XEDIT's own. */
    { "QQUIT", 2 },
};

static const char *lookup(const char *w, int fullscreen)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!fullscreen && strcmp(table[i].name, "QQUIT") == 0) continue;
        if (abbrev(w, table[i].name, table[i].minimum)) return table[i].name;
    }
    return NULL;
}

static void type_lines(struct editor *e, i32 n, int up)
{
    if (up) {
        /* TYPEUP: the current line and those above it, going up. */
        if (e->fullscreen) {
            u32 back = (u32)(n - 1);
            e->current = back >= e->current ? 0 : e->current - back;
            return;
        }
        if (e->current > e->count) e->current = e->count;
        for (i32 k = 0; k < n; k++) {
            if (e->current == 0) {
                e->message(e, "TOF:");
                return;
            }
            if (e->show_current) e->show_current(e);
            if (k + 1 < n) e->current--;
        }
        return;
    }
    if (e->fullscreen) {
        /* The screen shows the lines: only the pointer moves. */
        u32 target = e->current + (u32)(n - 1);
        e->current = target > e->count ? e->count + 1 : target;
        return;
    }
    for (i32 k = 0; k < n; k++) {
        if (e->current == 0) e->message(e, "TOF:");
        else if (e->current > e->count) {
            e->message(e, "EOF:");
            return;
        } else if (e->show_current) {
            e->show_current(e);
        }
        if (k + 1 < n) {
            if (e->current > e->count) return;
            e->current++;
        }
    }
    if (e->current > e->count) e->message(e, "EOF:");
}

static void run(struct editor *e, const char *typed);

/* X or Y: "X subcommand" keeps it; "X [n|*]" runs it n times (* until the
 * pointer reaches the end or the subcommand does nothing). */
static void xy(struct editor *e, char *saved, struct ops *o, const char *raw, const char *line)
{
    skip_blanks(o);
    const char *rest = o->s;
    int is_count = !*rest || (*rest >= '0' && *rest <= '9') || (rest[0] == '*' && !rest[1]);
    if (!is_count) {
        /* Kept as typed (CASE applies when it runs). */
        u32 n = strlen(raw);
        if (n > ED_LINE) n = ED_LINE;
        memcpy(saved, raw, n);
        saved[n] = 0;
        return;
    }
    i32 count = count_operand(o, 1);
    if (count <= 0 || !at_end(o) || !saved[0] || e->xy_depth) {
        bad(e, line);
        return;
    }
    e->xy_depth = 1;
    for (i32 k = 0; k < count && !e->done; k++) {
        u32 at = e->current, alterations = e->alterations;
        run(e, saved);
        if (count == 0x7FFFFFFF &&
            (e->current > e->count || (e->current == at && e->alterations == alterations))) break;
    }
    e->xy_depth = 0;
}

/* STACK [0|1|n|*] puts n lines from the current one on the console stack
 * (STACKUP: going up), the pointer on the last; STACK subcommand stacks
 * the subcommand line. */
static void stack(struct editor *e, struct ops *o, const char *raw, const char *line, int up)
{
    skip_blanks(o);
    const char *rest = o->s;
    int is_count = !*rest || (*rest >= '0' && *rest <= '9') || (rest[0] == '*' && !rest[1]);
    if (!is_count) {
        if (stack_push(raw, 0)) e->message(e, "STACK FULL");
        return;
    }
    char w[12];
    word(o, w, sizeof w);
    i32 n = 1;
    u32 v;
    if (strcmp(w, "*") == 0) n = 0x7FFFFFFF;
    else if (w[0] && (!parse_dec(w, &v) || v > 0x7FFFFFFF)) n = -1;
    else if (w[0]) n = (i32)v;
    if (n < 0 || !at_end(o)) {
        bad(e, line);
        return;
    }
    if (n == 0) return;
    if (up) {
        if (e->current > e->count) e->current = e->count;
    } else if (e->current == 0) {
        e->current = 1;
    }
    for (i32 k = 0; k < n; k++) {
        if (e->current == 0 || e->current > e->count) {
            show(e);
            return;
        }
        u32 len;
        const char *t = ed_text(e, e->current, &len);
        char text[ED_MAXLRECL + 1];
        memcpy(text, t, len);
        text[len] = 0;
        if (stack_push(text, 0)) {
            e->message(e, "STACK FULL");
            return;
        }
        if (k + 1 < n) {
            if (up) e->current--;
            else e->current++;
        }
    }
}

static void run(struct editor *e, const char *typed)
{
    char line[ED_LINE + 1];
    u32 n = strlen(typed);
    if (n > ED_LINE) n = ED_LINE;
    for (u32 i = 0; i < n; i++) line[i] = e->case_upper ? (char)toupper((u8)typed[i]) : typed[i];
    line[n] = 0;
    const char *s = line;
    while (*s == ' ') s++;
    if (!*s) return;
    /* The name: letters (the operands may follow without a blank, as in
     * C/OLD/NEW/). */
    char name[10];
    int k = 0;
    while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || *s == '$') {
        if (k < 9) name[k++] = (char)toupper((u8)*s);
        s++;
    }
    name[k] = 0;
    if (k == 0 && e->fullscreen && (*s == '/' || *s == '\\')) {
        struct ops o = { s };
        locate(e, &o, typed, 0);
        return;
    }
    if (k == 0 && *s >= '0' && *s <= '9') {
        /* nnnnn [text]: line-number editing (LINEMODE). */
        if (ed_numbered_subcommand(e, typed)) bad(e, typed);
        return;
    }
    const char *sub = k ? lookup(name, e->fullscreen) : NULL;
    /* REPEAT holds only for the OVERLAY right after it. */
    if (!sub || (strcmp(sub, "OVERLAY") != 0 && strcmp(sub, "REPEAT") != 0)) e->repeat = 0;
    if (!sub || (*s && *s != ' ' && strcmp(sub, "CHANGE") != 0 && strcmp(sub, "LOCATE") != 0 &&
                 strcmp(sub, "CHANGEUP") != 0 && strcmp(sub, "LOCATEUP") != 0 &&
                 strcmp(sub, "DSTRING") != 0)) {
        bad(e, typed);
        return;
    }
    struct ops o = { s };
    if (strcmp(sub, "TOP") == 0) {
        if (!at_end(&o)) { bad(e, typed); return; }
        e->current = 0;
        show(e);
    } else if (strcmp(sub, "BOTTOM") == 0) {
        if (!at_end(&o)) { bad(e, typed); return; }
        e->current = e->count;
        show(e);
    } else if (strcmp(sub, "NEXT") == 0 || strcmp(sub, "DOWN") == 0 || strcmp(sub, "FORWARD") == 0 ||
               strcmp(sub, "UP") == 0 || strcmp(sub, "BACKWARD") == 0) {
        i32 count = count_operand(&o, 1);
        if (count < 0 || !at_end(&o)) { bad(e, typed); return; }
        if (sub[0] == 'U' || sub[0] == 'B') move_up(e, (u32)count);
        else move_down(e, (u32)count);
    } else if (strcmp(sub, "LOCATE") == 0 || strcmp(sub, "LOCATEUP") == 0) {
        locate(e, &o, typed, sub[6] == 'U');
    } else if (strcmp(sub, "FIND") == 0 || strcmp(sub, "FINDUP") == 0) {
        /* FIND keeps its string as typed (CASE U applied). */
        find(e, s, sub[4] == 'U');
    } else if (strcmp(sub, "CHANGE") == 0 || strcmp(sub, "CHANGEUP") == 0) {
        change(e, &o, typed, sub[6] == 'U');
    } else if (strcmp(sub, "ALTER") == 0 || strcmp(sub, "ALTERUP") == 0) {
        alter(e, &o, typed, sub[5] == 'U');
    } else if (strcmp(sub, "DELETE") == 0 || strcmp(sub, "DELETEUP") == 0) {
        delete_lines(e, &o, typed, sub[6] == 'U');
    } else if (strcmp(sub, "X") == 0 || strcmp(sub, "Y") == 0) {
        const char *raw = typed + (s - line);
        while (*raw == ' ') raw++;
        xy(e, sub[0] == 'X' ? e->x_sub : e->y_sub, &o, raw, typed);
    } else if (strcmp(sub, "STACK") == 0 || strcmp(sub, "STACKUP") == 0) {
        const char *raw = typed + (s - line);
        while (*raw == ' ') raw++;
        stack(e, &o, raw, typed, sub[5] == 'U');
    } else if (strcmp(sub, "CMS") == 0) {
        if (!at_end(&o)) { bad(e, typed); return; }
        ed_cms_subset(e);
    } else if (strcmp(sub, "DSTRING") == 0) {
        dstring(e, &o, typed);
    } else if (strcmp(sub, "GETFILE") == 0) {
        if (ed_getfile(e, s)) bad(e, typed);
    } else if (strcmp(sub, "REPEAT") == 0) {
        i32 count = count_operand(&o, 1);
        if (count <= 0 || !at_end(&o)) { bad(e, typed); return; }
        e->repeat = count;
    } else if (strcmp(sub, "OVERLAY") == 0) {
        overlay(e, s);
    } else if (strcmp(sub, "INPUT") == 0 || strcmp(sub, "REPLACE") == 0) {
        const char *text = *s == ' ' ? s + 1 : s;
        int replace = sub[0] == 'R';
        if (replace && e->current >= 1 && e->current <= e->count) {
            ed_delete(e, e->current);
            e->current--;
        }
        if (*text) {
            /* The line as typed (before CASE U was applied to `line`). */
            const char *raw = typed + (text - line);
            ed_input_line(e, raw, strlen(raw));
        } else {
            /* Line mode reads input lines; full screen opens its input
             * zone below the current line. */
            e->input_mode = 1;
            if (!e->fullscreen) e->message(e, "INPUT:");
        }
    } else if (strcmp(sub, "TYPE") == 0 || strcmp(sub, "TYPEUP") == 0) {
        i32 count = count_operand(&o, 1);
        if (count <= 0 || !at_end(&o)) { bad(e, typed); return; }
        type_lines(e, count, sub[4] == 'U');
    } else if (strcmp(sub, "FILE") == 0) {
        if (write_as(e, &o, typed) == 0) e->done = 1;
    } else if (strcmp(sub, "SAVE") == 0) {
        if (write_as(e, &o, typed) == 0 && e->fullscreen) e->message(e, "SAVED");
    } else if (strcmp(sub, "QUIT") == 0) {
        if (!at_end(&o)) { bad(e, typed); return; }
        if (e->fullscreen && e->changed) e->message(e, "FILE HAS BEEN CHANGED. USE QQUIT TO QUIT ANYWAY.");
        else e->done = 1;
    } else if (strcmp(sub, "QQUIT") == 0) {
        e->done = 1;
    } else if (ed_mode_subcommand(e, sub, s) == 0) {
        /* IMAGE, TABSET, LONG, SHORT, PRESERVE, RESTORE, LINEMODE,
         * PROMPT, RENUM: done. */
    } else if (strcmp(sub, "IMAGE") == 0 || strcmp(sub, "TABSET") == 0 || strcmp(sub, "LONG") == 0 ||
               strcmp(sub, "SHORT") == 0 || strcmp(sub, "PRESERVE") == 0 || strcmp(sub, "RESTORE") == 0 ||
               strcmp(sub, "LINEMODE") == 0 || strcmp(sub, "PROMPT") == 0 || strcmp(sub, "RENUM") == 0) {
        bad(e, typed);
    } else {
        settings_command(e, sub, &o, typed);
    }
}

void ed_updated(struct editor *e)
{
    if (!e->autosave || ++e->updates < e->autosave) return;
    e->updates = 0;
    struct adisk *d = disk_at(e->mode);
    if (d && d->fs.readonly) {
        e->message(e, "SET NEW FILEMODE AND RETRY");
        e->input_mode = 0;
        return;
    }
    if (ed_write(e, NULL, NULL, 0, 0) == 0) e->message(e, "SAVED");
}

void ed_subcommand(struct editor *e, const char *typed)
{
    const char *s = typed;
    while (*s == ' ') s++;
    u32 before = e->alterations;
    if (strcmp(s, "=") == 0 || strcmp(s, "REUSE") == 0 || strcmp(s, "reuse") == 0) {
        if (e->last[0]) run(e, e->last);
        if (e->alterations != before && !e->done) ed_updated(e);
        return;
    }
    if (strcmp(s, "?") == 0) {
        if (e->last[0]) e->message(e, e->last);
        return;
    }
    u32 n = strlen(typed);
    if (n > ED_LINE) n = ED_LINE;
    memcpy(e->last, typed, n);
    e->last[n] = 0;
    run(e, e->last);
    /* A SAVE or FILE resets the count; AUTOSAVE counts the others. */
    if (e->alterations != before && e->alterations && !e->done) ed_updated(e);
}
