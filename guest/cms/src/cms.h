/* vm67 CMS: the nucleus's shared declarations. */
#ifndef CMS_H
#define CMS_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef __SIZE_TYPE__ size_t;
typedef __builtin_va_list va_list;
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define NULL ((void *)0)

#define CMS_RELEASE "0.1"

/* lib.c: the C library the nucleus needs */
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
char *strcpy(char *d, const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
int toupper(int c);
int isdigit(int c);
int isxdigit(int c);
int isspace(int c);
int vformat(char *out, size_t size, const char *fmt, va_list ap);
int format(char *out, size_t size, const char *fmt, ...);
int parse_hex(const char *s, u32 *value);
int parse_dec(const char *s, u32 *value);

/* ebcdic.c: code page 037 <-> ISO 8859-1 */
extern const u8 ascii_to_ebcdic[256];
extern const u8 ebcdic_to_ascii[256];
void to_ebcdic(u8 *out, const char *in, size_t n);
void from_ebcdic(char *out, const u8 *in, size_t n);

/* start.S */
typedef u32 jmpbuf[10];
int cms_setjmp(jmpbuf buf);
void cms_longjmp(jmpbuf buf, int value) __attribute__((noreturn));
void io_wait(void);
int sio(u32 device, u32 ccw);
int tio(u32 device);
int hio(u32 device);
void disabled_wait(u32 code) __attribute__((noreturn));
extern u32 svc_sp;
extern char __svc_stack_top[], __free_start[], _end[];

/* io.c: channel programs and interruptions */
struct ccw { u8 cmd; u8 addr[3]; u8 flags; u8 zero; u16 count; } __attribute__((aligned(8)));
#define CCW_CC 0x40
#define CCW_SILI 0x20
void ccw_set(struct ccw *c, u8 cmd, const void *data, u8 flags, u16 count);
struct csw { u8 key_addr[4]; u8 unit; u8 channel; u16 residual; };
#define UNIT_ATTENTION 0x80
#define UNIT_CE 0x08
#define UNIT_DE 0x04
#define UNIT_CHECK 0x02
#define UNIT_EXCEPTION 0x01
/* Runs a channel program and waits for its device end: 0 done, -1 not
 * operational, -2 busy; *csw gets the ending status. */
int io_run(u32 device, struct ccw *program, struct csw *csw);
void io_interrupt(u32 device, const struct csw *csw);
/* An attention arrived from the console since the last call. */
int io_take_attention(void);

/* console.c */
void cons_write(const char *text, size_t n);
void say(const char *text);
void sayf(const char *fmt, ...);
/* Reads one line (ASCII, no terminator); returns its length. */
int cons_read(char *buf, int max);
/* The console stack (read before the terminal): FIFO or LIFO; -1 when full. */
int stack_push(const char *text, int lifo);
int stack_lines(void);
void stack_clear(void);

/* diag.c: the DIAGNOSE interface */
struct timer_info { char date[9]; char time[9]; u64 virtual_us; u64 total_us; };
void diag_timer(struct timer_info *t);
u32 diag_storage_size(void);
/* DIAGNOSE X'08' with a response buffer: rc in *rc, returns the bytes stored (or -1). */
int diag_cp(const u8 *command, u32 length, u8 *response, u32 size, u32 *rc);
void diag_enter_cp(void);
int diag_device_type(u32 device, u32 *virtual_info, u32 *real_info);
u32 diag_console_address(void);

/* cp.c */
/* Runs a CP command; its response is shown unless quiet. Returns CP's rc. */
int cp_command(const char *text, int quiet);
#define CP_SHOW 0
#define CP_QUIET 1
#define CP_SHOW_KNOWN 2     /* show the response unless CP did not know the command */
int cp_command_mode(const char *text, int mode);

/* ready.c */
void ready_reset(void);
void ready_message(int rc);

/* commands.c */
#define MAXTOKENS 32
struct plist {
    int count;
    char token[MAXTOKENS][9];   /* upper case, at most 8 characters */
    const char *text;           /* the line as typed */
    const char *args;           /* the text after the command word */
};
void tokenize(const char *line, struct plist *p);
/* Runs one command line; returns the return code (-3 unknown). */
int run_command(const char *line);
int run_plist(struct plist *p);
int abbrev(const char *word, const char *name, int minimum);

/* settings.c */
struct settings {
    int impcp;
    int impex;
    int rdymsg_short;
    int blip;
    char blipchar;
};
extern struct settings settings;

/* exec.c: the CMS EXEC processor */
extern int exec_depth;
/* Runs `fn EXEC` (found in the search order) with the arguments; its return
 * code, or -1 when there is no such file (nothing said). */
int exec_run(const char *fn, const char *args);
int exec_exists(const char *fn);

/* start.S: the IPL PARM text CP left in R0-R3 (EBCDIC). */
extern u8 ipl_parm[16];

/* abend.c */
extern jmpbuf command_loop;
void program_check(u32 *regs, u8 *psw);
void svc_call(int number, u32 *regs, u8 *psw);
void abend_reset(void);
int abend_rc(void);

/* storage.c */
void storage_init(void);
void *cms_alloc(u32 size);
void cms_free(void *p);
u32 user_area_start(void);
u32 user_area_end(void);
u32 storage_size(void);

#endif
