/* vm67 CMS: the relocating loader behind LOAD, INCLUDE, START, GENMOD and
 * LOADMOD, and the running of a loaded program. */
#ifndef LOADER_H
#define LOADER_H
#include "cms.h"
#include "disks.h"

/* A name in the loader table. */
#define SYM_SD 'S'          /* control section */
#define SYM_LD 'L'          /* label definition (ENTRY) */
#define SYM_CM 'C'          /* common: placed after everything else is loaded */
#define SYM_ER 'E'          /* referred to, not (yet) defined */
struct ldr_symbol {
    char name[9];
    char kind;
    u8 weak;                /* only WXTRN references: stays 0 without a message */
    u8 searched;            /* AUTO looked for `name TEXT` already */
    u32 address;
    u32 length;             /* SD, CM */
};

struct ldr_options {
    int clear, map, type, autolib, invalid_cards, reps, dup, start;
    u32 origin;             /* 0: where the last load left off (INCLUDE) or the user area */
    char reset[9];          /* RESET entry: the entry point by name */
};

/* The state of the loader: what is in storage now. */
extern struct ldr_symbol *ldr_symbols;
extern int ldr_nsymbols;
extern int ldr_loaded;      /* a program is in storage (LOAD, INCLUDE or LOADMOD) */
extern int ldr_has_entry;   /* ... with an entry point (not when no file was found) */
extern u32 ldr_origin, ldr_end, ldr_entry;

/* Starts a new load (LOAD) or continues the last one (INCLUDE). */
int ldr_begin(const struct ldr_options *o, int include);
/* Loads `fn TEXT` from the accessed disks; 0 or a return code after the message. */
int ldr_load_file(const char *fn);
/* AUTO search, commons, the entry point, the undefined names (DMSLIO201W);
 * writes LOAD MAP A5 (with MAP). 0, 4 with undefined names, or an error. */
int ldr_finish(void);
/* LOAD or INCLUDE is over: the storage only they need goes back. */
void ldr_end_command(void);
/* The address of a name in the loader table, or 0 when there is none. */
int ldr_lookup(const char *name, u32 *address);
/* Puts the table of a module back (LOADMOD). */
void ldr_adopt(u32 origin, u32 end, u32 entry);
int ldr_add_symbol(const char *name, char kind, u32 address, u32 length);

/* program.c: runs the program at entry with OS linkage (R1 = plist, R13 a
 * save area, R14 the return, R15 the entry); its R15 (or SVC 3's) is the
 * return code. GETMAIN storage and the files it opened are given back. */
int program_run(u32 entry, u32 plist);
/* Ends the running program from an SVC (SVC 3). */
void program_exit(int rc) __attribute__((noreturn));
int program_active(void);
/* abend.c: an ABEND of the running program (DMSABN155T for a user code,
 * DMSABN148T for a system code), then Ready with the code. */
void abend_program(int user, u32 code, u32 from) __attribute__((noreturn));
/* After an abend: forget the programs that were running. */
void program_reset(void);
/* The address that is free for GETMAIN: from the end of the program. */
u32 program_heap_start(void);

/* module.c: MODULE files. */
int module_exists(const char *fn);
/* LOADMOD: 0 or a return code after the message. */
int module_load(const char *fn, const char *module_id);
/* Runs `fn MODULE` as a command with the PLIST of the command line. */
int module_run(struct plist *p);

/* svc_os.c and cms_functions.c: SVCs for programs. */
int os_svc(int number, u32 *regs, u8 *psw);
/* SVC 202 with a function PLIST (TYPLIN, WAITRD, FSREAD ...): 1 when it
 * was one, with its return code in *rc. */
int cms_function(u32 *regs, int *rc);
void cms_files_close_all(void);
void os_storage_reset(void);

#endif
