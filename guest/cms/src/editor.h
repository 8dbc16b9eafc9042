/* vm67 CMS: the file editors (EDIT, line mode as VM/370 R6 CMS EDIT; XEDIT,
 * full screen on a 3270). Both work on one file held in storage (the
 * buffer, editor_buffer.c) and share one subcommand set
 * (editor_subcommands.c); they differ only in how they read subcommands
 * and show the file. */
#ifndef EDITOR_H
#define EDITOR_H
#include "cms.h"
#include "disks.h"

#define ED_MAXLRECL 160         /* the longest record (R6 EDIT's limit) */
#define ED_LINE 160             /* the longest console line they read */
#define ED_TABS 28              /* TABSET takes up to 28 stops */
#define ED_LEFT 1               /* LINEMODE LEFT: numbers at the left */
#define ED_RIGHT 2              /* LINEMODE RIGHT: numbers in 76-80 */

struct ed_settings;

struct editor {
    /* The file: its identifier as it will be written, and its format. */
    char fn[9], ft[9];
    char mode, digit;
    char recfm;
    u32 lrecl;
    int is_new;
    int changed;                /* changed since the last FILE or SAVE */
    u32 alterations;            /* lines changed since then (XEDIT's Alt=) */

    /* The lines: lines[i] is line i+1, a length halfword and its text. */
    u8 **lines;
    u32 count, max_lines;
    u32 current;                /* 0 = the top of file, count+1 = the end */

    /* The line slots (fixed size) in the user area, and the free ones. */
    u8 *slots;
    u32 slot_size, slots_total, slots_used;
    u8 *free_slot;

    /* Settings (EDIT subcommands). */
    int case_upper;             /* CASE U: input is translated to upper case */
    int verify;                 /* VERIFY ON: moves show the current line */
    u32 verify_end;             /* the last column shown */
    u32 trunc;                  /* TRUNC: the last column input may fill */
    u32 zone1, zone2;           /* ZONE: the columns searches look at */
    int serial;                 /* SERIAL: 0 off, else columns 73-80 on write */
    char serial_id[4];
    u32 serial_incr;
    u32 autosave;               /* AUTOSAVE n: a SAVE every n updates (0 off) */
    u32 updates;                /* updates since the last save */

    /* IMAGE and TABSET: how input tabs (and backspaces) become columns. */
    int image;                  /* IMAGE ON (1) or OFF (0) */
    u8 tabs[ED_TABS];           /* the tab stops, ascending columns */
    int ntabs;
    int long_messages;          /* LONG (1) or SHORT (0) error messages */

    /* Line-number editing (LINEMODE, PROMPT, RENUM, nnnnn). */
    int linemode;               /* 0 OFF, ED_LEFT or ED_RIGHT */
    u32 prompt;                 /* the increment of the input prompt */

    /* X and Y: a subcommand saved to be run again n times. */
    char x_sub[ED_LINE + 1], y_sub[ED_LINE + 1];
    int xy_depth;               /* X or Y running (they do not nest) */
    i32 repeat;                 /* REPEAT n: the next OVERLAY's line count */

    /* PRESERVE: the settings RESTORE puts back. */
    struct ed_settings *preserved;

    /* The last subcommand ("=" repeats it, "?" shows it). */
    char last[ED_LINE + 1];

    /* The session's state. */
    int input_mode;             /* line mode: reading INPUT lines */
    int done;                   /* FILE or QUIT ended the session */
    int rc;                     /* the EDIT command's return code */
    int fullscreen;             /* XEDIT on a display */
    const char *module;         /* the message prefix: EDI or XED */

    /* Output: a message, and the current line after a move (line mode). */
    void (*message)(struct editor *e, const char *text);
    void (*show_current)(struct editor *e);
};

/* editor_buffer.c */
/* Loads `id` (or starts a new file): 0, or the EDIT return code after its
 * message (module is the message prefix, e.g. "EDI"). */
int ed_open(struct editor *e, const struct fileid *id, u32 lrecl_option, const char *module);
void ed_close(struct editor *e);
/* Line n (1..count): its text and length. */
const char *ed_text(struct editor *e, u32 n, u32 *len);
/* Inserts a line after line n (0: at the top); -1 when storage is full. */
int ed_insert(struct editor *e, u32 after, const char *text, u32 len);
int ed_replace(struct editor *e, u32 n, const char *text, u32 len);
void ed_delete(struct editor *e, u32 n);
/* Writes the file as fn ft fm (the editor's own identifier when fn is
 * NULL): 0, or a return code after the message. */
int ed_write(struct editor *e, const char *fn, const char *ft, char mode, char digit);
/* The default LRECL and RECFM of a new file of filetype ft. */
u32 ed_default_lrecl(const char *ft);

/* editor_subcommands.c */
/* Runs one subcommand line (not INPUT-mode data). */
void ed_subcommand(struct editor *e, const char *line);
/* Applies the settings of a new session (CASE, ZONE, TRUNC, VERIFY...). */
void ed_defaults(struct editor *e);
/* A line typed in INPUT mode: CASE and TRUNC applied, added after the
 * current line, which it becomes. */
int ed_input_line(struct editor *e, const char *text, u32 len);
/* Counts one update (a subcommand that changed the file, or an input
 * line) and saves when AUTOSAVE says so. */
void ed_updated(struct editor *e);
/* Says a message through the editor's output. */
void ed_say(struct editor *e, const char *fmt, ...);

/* editor_modes.c: IMAGE, TABSET, LONG, SHORT, PRESERVE, RESTORE,
 * LINEMODE, PROMPT, RENUM and the nnnnn line-number subcommand. */
/* The settings of a new session that depend on the filetype. */
void ed_mode_defaults(struct editor *e);
/* Runs `name` (one of those subcommands) with its operands `ops`; 0 done,
 * -1 bad operands (the caller says ?EDIT:). */
int ed_mode_subcommand(struct editor *e, const char *name, const char *ops);
/* A typed line as IMAGE makes it (tabs to the TABSET stops, backspaces
 * overtyping): its new length in out. */
u32 ed_image(struct editor *e, const char *in, u32 len, char *out, u32 max);
/* LINEMODE: the sequence field of a line (0 when it has none). */
int ed_number_field(struct editor *e, u32 *first, u32 *width);
u32 ed_line_number(struct editor *e, u32 n);
/* LINEMODE: the number the next input line gets after line n. */
u32 ed_next_number(struct editor *e, u32 after);
/* A line with its number put in the sequence field. */
u32 ed_numbered(struct editor *e, const char *text, u32 len, u32 number, char *out);
/* nnnnn [text]: locates, adds or replaces a numbered line; 0, -1 bad. */
int ed_numbered_subcommand(struct editor *e, const char *typed);

/* editor_getfile.c: GETFILE fn [ft [fm [m [n]]]]; 0, or -1 bad operands. */
int ed_getfile(struct editor *e, const char *ops);

/* editor_subset.c: the CMS subcommand: CMS SUBSET, commands that leave
 * the editor's storage alone, RETURN back. */
void ed_cms_subset(struct editor *e);

/* cmd_edit.c: the command line (fileid, LRECL, NODISP) and the line-mode
 * session (XEDIT on a typewriter uses it too). */
int ed_start(struct plist *p, struct editor *e, const char *module, int *nodisp);
int ed_line_session(struct editor *e);

/* xedit_screen.c: the full-screen session on a 3270. */
int xedit_session(struct editor *e);

#endif
