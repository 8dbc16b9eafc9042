/* vm67 CMS: XEDIT's full screen on a 3270 (24 x 80), in the style of CMS
 * XEDIT: the ID line, a message line, the file area (a prefix area of
 * ===== and 73 columns of each line, the current line in the middle and
 * intensified, the top- and end-of-file lines), the command line ====>
 * and a status line. ENTER applies the lines typed over, then the prefix
 * subcommands, then the command line; PF keys do the common moves. */
#include "editor.h"
#include "fullscreen.h"

#define COLS 80
#define FILE_ROW 2              /* the first row of the file area */
#define FILE_ROWS 20
#define CURRENT_ROW 9           /* the current line's row in the file area */
#define CMD_ROW 22
#define STATUS_ROW 23
#define PREFIX_COL 1
#define DATA_COL 7
#define DATA_LEN 73
#define PAGE (FILE_ROWS - 2)    /* PF7/PF8 keep two lines of the old screen */

/* 3270 field attributes and orders. */
#define ATTR_PROTECTED 0x60
#define ATTR_PROTECTED_BRIGHT 0xE8
#define ATTR_INPUT 0x40
#define ATTR_INPUT_BRIGHT 0xC8
#define ORDER_SF 0x1D
#define ORDER_SBA 0x11
#define ORDER_IC 0x13
#define AID_ENTER 0x7D
#define AID_CLEAR 0x6D

enum row_kind { ROW_EMPTY, ROW_TOF, ROW_EOF, ROW_LINE, ROW_INPUT };

struct screen {
    struct editor *e;
    enum row_kind kind[FILE_ROWS];
    u8 *slot[FILE_ROWS];        /* the line a row shows (slots do not move) */
    char message[COLS];
    char command[COLS];         /* put back on the command line (PF12) */
    u8 out[4096];
    u32 n;
};

/* In nucleus free storage while XEDIT runs. */
static struct screen *scr;

static void screen_message(struct editor *e, const char *text)
{
    u32 n = strlen(text);
    if (n > COLS - 2) n = COLS - 2;
    memcpy(scr->message, text, n);
    scr->message[n] = 0;
}

static void put(u8 b)
{
    if (scr->n < sizeof scr->out) scr->out[scr->n++] = b;
}

static void put_text(const char *text, u32 n)
{
    for (u32 i = 0; i < n && scr->n < sizeof scr->out; i++) {
        char c = text[i];
        if ((u8)c < ' ') c = ' ';       /* no orders from the file's bytes */
        to_ebcdic(&scr->out[scr->n++], &c, 1);
    }
}

static void put_string(const char *text) { put_text(text, strlen(text)); }

static void set_address(u32 row, u32 col)
{
    u8 a[2];
    scr_address_encode(row * COLS + col, a);
    put(ORDER_SBA);
    put(a[0]);
    put(a[1]);
}

static void start_field(u32 row, u32 col, u8 attribute)
{
    set_address(row, col);
    put(ORDER_SF);
    put(attribute);
}

/* The line index at a file-area row (may be <0 or beyond the end). */
static i32 index_at(struct editor *e, int row)
{
    return (i32)e->current - CURRENT_ROW + row;
}

static void build(void)
{
    struct editor *e = scr->e;
    char text[COLS + 1];
    scr->n = 0;
    put(0xC3);                                  /* WCC: restore the keyboard, reset MDTs */
    start_field(0, 0, ATTR_PROTECTED_BRIGHT);
    format(text, sizeof text, "%-8s %-8s %c%c  %c %u  Trunc=%u Size=%u Line=%u Col=1 Alt=%u", e->fn, e->ft,
           e->mode, e->digit, e->recfm, e->lrecl, e->trunc, e->count, e->current, e->alterations);
    put_string(text);
    start_field(1, 0, ATTR_PROTECTED_BRIGHT);
    put_string(scr->message);
    for (int r = 0; r < FILE_ROWS; r++) {
        i32 li = index_at(e, r);
        u32 row = FILE_ROW + (u32)r;
        scr->slot[r] = NULL;
        if (e->input_mode && r > CURRENT_ROW) {
            /* Input mode: below the current line, the input zone; each
             * line typed there goes into the file. */
            scr->kind[r] = ROW_INPUT;
            start_field(row, 0, ATTR_PROTECTED);
            start_field(row, DATA_COL - 1, ATTR_INPUT);
            if (r == CURRENT_ROW + 1) put(ORDER_IC);
            continue;
        }
        if (li < 0 || li > (i32)e->count + 1) {
            scr->kind[r] = ROW_EMPTY;
            start_field(row, 0, ATTR_PROTECTED);
            continue;
        }
        int current = (u32)li == e->current;
        if (li == 0 || (u32)li == e->count + 1) {
            /* TOF takes I (insert at the top) in its prefix; EOF nothing. */
            scr->kind[r] = li == 0 ? ROW_TOF : ROW_EOF;
            start_field(row, 0, li == 0 ? ATTR_INPUT : ATTR_PROTECTED);
            put_string("=====");
            start_field(row, DATA_COL - 1, current ? ATTR_PROTECTED_BRIGHT : ATTR_PROTECTED);
            put_string(li == 0 ? "* * * Top of File * * *" : "* * * End of File * * *");
            continue;
        }
        scr->kind[r] = ROW_LINE;
        scr->slot[r] = e->lines[li - 1];
        start_field(row, 0, ATTR_INPUT);
        put_string("=====");
        start_field(row, DATA_COL - 1, current ? ATTR_INPUT_BRIGHT : ATTR_INPUT);
        u32 len;
        const char *t = ed_text(e, (u32)li, &len);
        if (len > DATA_LEN) len = DATA_LEN;
        put_text(t, len);
        /* Blanks, not nulls, after the text: a character typed beyond it
         * stays in its column (a read drops nulls). */
        for (u32 i = len; i < DATA_LEN && i < e->lrecl; i++) put(0x40);
    }
    start_field(CMD_ROW, 0, ATTR_PROTECTED_BRIGHT);
    put_string("====>");
    start_field(CMD_ROW, DATA_COL - 1, ATTR_INPUT);
    if (!e->input_mode) put(ORDER_IC);
    put_string(scr->command);
    start_field(STATUS_ROW, 0, ATTR_PROTECTED);
    format(text, sizeof text, "%60s%s", "", e->input_mode ? "Input-mode 1 File" : "X E D I T  1 File");
    put_string(text);
}

/* The line a slot holds now (0 when it is gone). */
static u32 index_of(struct editor *e, u8 *slot)
{
    for (u32 i = 0; i < e->count; i++)
        if (e->lines[i] == slot) return i + 1;
    return 0;
}

/* A prefix subcommand: its letters and count ("D", "3D", "D3", "DD", "/"). */
struct prefix { int row; char op[3]; u32 count; int has_count; };

static int parse_prefix(const char *typed, struct prefix *p)
{
    char s[8];
    int n = 0;
    for (const char *c = typed; *c && n < 7; c++)
        if (*c != '=' && *c != ' ') s[n++] = (char)toupper((u8)*c);
    s[n] = 0;
    if (!n) return 0;
    int k = 0, j = 0;
    p->count = 0;
    p->has_count = 0;
    while (s[k] >= '0' && s[k] <= '9') p->count = p->count * 10 + (u32)(s[k++] - '0'), p->has_count = 1;
    while (s[k] && !(s[k] >= '0' && s[k] <= '9') && j < 2) p->op[j++] = s[k++];
    p->op[j] = 0;
    while (s[k] >= '0' && s[k] <= '9') p->count = p->count * 10 + (u32)(s[k++] - '0'), p->has_count = 1;
    if (s[k] || !j) return -1;
    if (!p->has_count) p->count = 1;
    return 1;
}

static int is(const struct prefix *p, const char *op) { return strcmp(p->op, op) == 0; }

/* The line of a prefix's row: 0 for TOF. */
static u32 row_line(struct editor *e, int row)
{
    return scr->kind[row] == ROW_TOF ? 0 : index_of(e, scr->slot[row]);
}

/* C/M (or CC/MM blocks) to after F or before P. */
static void copy_move(struct editor *e, struct prefix *src, struct prefix *src_end, struct prefix *target)
{
    u32 first = row_line(e, src->row);
    u32 last = src_end ? row_line(e, src_end->row) : first + src->count - 1;
    if (last < first) { u32 t = first; first = last; last = t; }
    if (first == 0) first = 1;
    if (last > e->count) last = e->count;
    int move = src->op[0] == 'M';
    u32 at = row_line(e, target->row);
    if (target->op[0] == 'P') at = at ? at - 1 : 0;
    if (move && at >= first && at < last) {
        e->message(e, "INVALID PREFIX SUBCOMMAND TARGET");
        return;
    }
    u8 *after_slot = at ? e->lines[at - 1] : NULL;
    u32 n = last - first + 1;
    u8 **taken = cms_alloc(n * sizeof(u8 *));
    char *texts = cms_alloc(n * (ED_MAXLRECL + 2));
    if (!taken || !texts) {
        cms_free(taken);
        cms_free(texts);
        return;
    }
    for (u32 i = 0; i < n; i++) {
        u32 len;
        const char *t = ed_text(e, first + i, &len);
        texts[i * (ED_MAXLRECL + 2)] = (char)len;
        memcpy(texts + i * (ED_MAXLRECL + 2) + 1, t, len);
        taken[i] = e->lines[first + i - 1];
    }
    if (move)
        for (u32 i = 0; i < n; i++) ed_delete(e, index_of(e, taken[i]));
    u32 after = after_slot ? index_of(e, after_slot) : 0;
    for (u32 i = 0; i < n; i++) {
        char *t = texts + i * (ED_MAXLRECL + 2);
        if (ed_insert(e, after + i, t + 1, (u8)t[0])) break;
    }
    cms_free(texts);
    cms_free(taken);
}

static void prefixes(struct editor *e, const char typed[FILE_ROWS][8], const int present[FILE_ROWS])
{
    struct prefix p[FILE_ROWS];
    int n = 0;
    for (int r = 0; r < FILE_ROWS; r++) {
        if (!present[r] || scr->kind[r] == ROW_EMPTY || scr->kind[r] == ROW_EOF) continue;
        int ok = parse_prefix(typed[r], &p[n]);
        if (ok == 0) continue;
        p[n].row = r;
        if (ok < 0 || (scr->kind[r] == ROW_TOF && !is(&p[n], "I") && !is(&p[n], "F"))) {
            ed_say(e, "INVALID PREFIX SUBCOMMAND: %s", typed[r]);
            return;
        }
        n++;
    }
    /* Copies and moves first, with their targets; blocks in pairs. */
    struct prefix *source = NULL, *source_end = NULL, *target = NULL;
    struct prefix *dd = NULL;
    for (int i = 0; i < n; i++) {
        struct prefix *q = &p[i];
        if (is(q, "C") || is(q, "M")) source = q;
        else if (is(q, "CC") || is(q, "MM")) {
            if (source && strcmp(source->op, q->op) == 0) source_end = q;
            else source = q;
        } else if (is(q, "F") || is(q, "P")) target = q;
    }
    if (source || target) {
        if (!source || !target || ((is(source, "CC") || is(source, "MM")) && !source_end)) {
            e->message(e, "PREFIX SUBCOMMAND INCOMPLETE: C OR M NEEDS F OR P");
            return;
        }
        copy_move(e, source, source_end, target);
    }
    /* Then the rest, each on the line its row showed. */
    for (int i = 0; i < n; i++) {
        struct prefix *q = &p[i];
        u32 at = row_line(e, q->row);
        if (scr->kind[q->row] == ROW_LINE && at == 0) continue;      /* moved away */
        if (is(q, "I")) {
            for (u32 k = 0; k < q->count; k++) ed_insert(e, at, "", 0);
        } else if (is(q, "\"")) {
            u32 len;
            const char *t = ed_text(e, at, &len);
            char copy[ED_MAXLRECL];
            memcpy(copy, t, len);
            for (u32 k = 0; k < q->count; k++) ed_insert(e, at, copy, len);
        } else if (is(q, "D")) {
            for (u32 k = 0; k < q->count && at <= e->count; k++) ed_delete(e, at);
        } else if (is(q, "DD")) {
            if (!dd) {
                dd = q;
                continue;
            }
            u32 a = row_line(e, dd->row), b = at;
            if (a > b) { u32 t = a; a = b; b = t; }
            for (u32 k = a; k <= b && a <= e->count; k++) ed_delete(e, a);
            dd = NULL;
        } else if (is(q, "/")) {
            e->current = at;
        } else if (!is(q, "C") && !is(q, "M") && !is(q, "CC") && !is(q, "MM") && !is(q, "F") && !is(q, "P")) {
            ed_say(e, "INVALID PREFIX SUBCOMMAND: %s", q->op);
        }
    }
    if (dd) e->message(e, "PREFIX SUBCOMMAND INCOMPLETE: DD NEEDS ITS PAIR");
    if (e->current > e->count + 1) e->current = e->count + 1;
}

/* A line typed over: the new text (CASE U applied), keeping what lies
 * beyond the 73 columns shown. */
static void retype(struct editor *e, int row, const char *typed, u32 n)
{
    u32 at = index_of(e, scr->slot[row]);
    if (!at) return;
    char line[ED_MAXLRECL];
    while (n && typed[n - 1] == ' ') n--;
    if (n > DATA_LEN) n = DATA_LEN;
    for (u32 i = 0; i < n; i++) line[i] = e->case_upper ? (char)toupper((u8)typed[i]) : typed[i];
    u32 len;
    const char *old = ed_text(e, at, &len);
    if (len > DATA_LEN) {
        while (n < DATA_LEN) line[n++] = ' ';
        memcpy(line + DATA_LEN, old + DATA_LEN, len - DATA_LEN);
        n = len;
    }
    if (n > e->trunc) n = e->trunc;
    if (n == len && memcmp(line, old, n) == 0) return;
    ed_replace(e, at, line, n);
}

/* One screen's input: AID, cursor, and the modified fields. */
static void handle(struct editor *e, const u8 *in, u32 length)
{
    static char typed_prefix[FILE_ROWS][8];
    static int has_prefix[FILE_ROWS];
    static char command[COLS + 1];
    static char typed_input[FILE_ROWS][COLS + 1];
    static int has_input[FILE_ROWS];
    char text[COLS + 1];
    if (length == 0) return;
    u8 aid = in[0];
    if (aid == AID_CLEAR) return;                   /* repaint */
    memset(has_prefix, 0, sizeof has_prefix);
    memset(has_input, 0, sizeof has_input);
    command[0] = 0;
    u32 before = e->alterations;
    u32 i = 3;
    while (i < length) {
        if (in[i] != ORDER_SBA || i + 2 >= length) { i++; continue; }
        u32 address = scr_address_decode(in + i + 1);
        i += 3;
        u32 start = i;
        while (i < length && in[i] != ORDER_SBA) i++;
        u32 n = i - start;
        if (n > COLS) n = COLS;
        from_ebcdic(text, in + start, n);
        text[n] = 0;
        u32 row = address / COLS, col = address % COLS;
        if (row == CMD_ROW && col == DATA_COL) {
            strcpy(command, text);
        } else if (row >= FILE_ROW && row < FILE_ROW + FILE_ROWS) {
            int r = (int)(row - FILE_ROW);
            if (col == PREFIX_COL) {
                memcpy(typed_prefix[r], text, n > 7 ? 7 : n);
                typed_prefix[r][n > 7 ? 7 : n] = 0;
                has_prefix[r] = 1;
            } else if (col == DATA_COL && scr->kind[r] == ROW_LINE) {
                retype(e, r, text, n);
            } else if (col == DATA_COL && scr->kind[r] == ROW_INPUT && n) {
                memcpy(typed_input[r], text, n + 1);
                has_input[r] = 1;
            }
        }
    }
    prefixes(e, typed_prefix, has_prefix);
    if (e->alterations != before) ed_updated(e);
    if (e->input_mode) {
        /* The input zone's lines, in order, after the current line; an
         * ENTER with nothing typed anywhere ends input mode. */
        int typed = 0;
        for (int r = 0; r < FILE_ROWS; r++) {
            if (!has_input[r]) continue;
            typed = 1;
            u32 n = strlen(typed_input[r]);
            while (n && typed_input[r][n - 1] == ' ') n--;
            if (ed_input_line(e, typed_input[r], n)) break;
        }
        const char *c = command;
        while (*c == ' ') c++;
        if (!typed && !*c && aid == AID_ENTER) e->input_mode = 0;
    }
    scr->command[0] = 0;
    const char *c = command;
    while (*c == ' ') c++;
    if (*c) ed_subcommand(e, command);
    if (e->done) return;
    switch (aid) {
    case 0xF1:                                      /* PF1: help */
        e->message(e, "PF3 QUIT PF7 BACK PF8 FORWARD PF12 ? - PREFIX: I D DD C M F P \" / - HELP XEDIT");
        break;
    case 0xF3:                                      /* PF3: QUIT */
        ed_subcommand(e, "QUIT");
        break;
    case 0xF7:                                      /* PF7: back a screen */
        e->current = e->current > PAGE ? e->current - PAGE : 0;
        break;
    case 0xF8:                                      /* PF8: forward a screen */
        e->current = e->current + PAGE > e->count + 1 ? e->count + 1 : e->current + PAGE;
        break;
    case 0x7C: {                                    /* PF12: the last command back */
        u32 n = strlen(e->last);
        if (n > COLS - DATA_COL - 1) n = COLS - DATA_COL - 1;
        memcpy(scr->command, e->last, n);
        scr->command[n] = 0;
        break;
    }
    default:
        break;
    }
}

int xedit_session(struct editor *e)
{
    e->fullscreen = 1;
    e->message = screen_message;
    e->show_current = NULL;
    scr = cms_alloc(sizeof *scr);
    u8 *in = cms_alloc(4096);
    if (!scr || !in) {
        cms_free(scr);
        cms_free(in);
        return ed_line_session(e);
    }
    scr->e = e;
    if (e->is_new) screen_message(e, "NEW FILE");
    int failures = 0;
    while (!e->done) {
        build();
        scr->message[0] = 0;
        int rc = scr_write(scr->out, scr->n, 1);
        if (rc == SCR_REPAINT) continue;
        if (rc == SCR_FAILED) {
            /* The display went away (a disconnect): line mode then. */
            if (++failures > 2) break;
            continue;
        }
        u32 length;
        rc = scr_read(in, 4096, &length);
        if (rc == SCR_REPAINT) continue;
        if (rc == SCR_FAILED) {
            if (++failures > 2) break;
            continue;
        }
        failures = 0;
        handle(e, in, length);
    }
    scr_leave();
    cms_free(in);
    cms_free(scr);
    scr = NULL;
    if (!e->done) return ed_line_session(e);
    ed_close(e);
    return e->rc;
}
