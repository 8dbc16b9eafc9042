/* vm67 CMS REXX: running an EXEC. The program is read whole and tokenized;
 * the interpreter runs on a stack of its own taken from free storage (the
 * nucleus stack is small), and every clause first checks that enough of it
 * is left, so deep recursion ends in Error 11, never in a broken nucleus.
 * Everything the interpreter allocates is on one list, freed at the end,
 * also after an error. */
#include "rexx_int.h"

volatile int exec_halt_requested;

#define REXX_STACK 0x10000          /* 64 KB */
#define STACK_MARGIN 0x2000         /* for the deepest clause */
#define COMMAND_STACK 0x6000        /* what a CMS command run from REXX may need */

/* Small blocks (not zeroed: rx_zalloc zeroes; up to 512 bytes, in six sizes) come from 4 KB chunks and
 * go back to a free list of their size: the interpreter allocates and frees
 * a string for nearly every operation, and nucleus free storage (first fit
 * over one list) would be slow at that. Larger blocks come from free
 * storage directly. Chunks and large blocks are on one list, freed at the
 * end. */
#define CHUNK 0x1000
#define CLASSES 6
struct alloc { struct alloc *prev, *next; u32 size_class, pad; };     /* large blocks and chunks */
struct small { u32 size_class, pad; };

static void *large(struct rexx *r, u32 n)
{
    struct alloc *a = cms_alloc(n + sizeof *a);
    if (!a) rexx_error(r, 5);
    a->prev = NULL;
    a->next = r->allocs;
    a->size_class = CLASSES;
    if (r->allocs) r->allocs->prev = a;
    r->allocs = a;
    return a + 1;
}

void *rx_alloc(struct rexx *r, u32 n)
{
    u32 need = n + sizeof(struct small), size = 16;
    int c = 0;
    while (c < CLASSES && size < need) { size <<= 1; c++; }
    if (c == CLASSES) return large(r, n);
    struct small *b = r->free_blocks[c];
    if (b) {
        r->free_blocks[c] = *(struct small **)(b + 1);
    } else {
        if (r->chunk_left < size) {
            r->chunk = large(r, CHUNK);
            r->chunk_left = CHUNK;
        }
        b = (struct small *)r->chunk;
        r->chunk += size;
        r->chunk_left -= size;
    }
    b->size_class = (u32)c;
    return b + 1;
}

void *rx_zalloc(struct rexx *r, u32 n)
{
    void *p = rx_alloc(r, n);
    memset(p, 0, n);
    return p;
}

void rx_free(struct rexx *r, void *p)
{
    if (!p) return;
    struct small *b = (struct small *)p - 1;
    if (b->size_class < CLASSES) {
        *(struct small **)(b + 1) = r->free_blocks[b->size_class];
        r->free_blocks[b->size_class] = b;
        return;
    }
    struct alloc *a = (struct alloc *)p - 1;
    if (a->prev) a->prev->next = a->next;
    else r->allocs = a->next;
    if (a->next) a->next->prev = a->prev;
    cms_free(a);
}

char *rx_strndup(struct rexx *r, const char *s, int n)
{
    char *d = rx_alloc(r, (u32)n + 1);
    memcpy(d, s, (size_t)n);
    d[n] = 0;
    return d;
}

char *rx_strdup(struct rexx *r, const char *s) { return rx_strndup(r, s, (int)strlen(s)); }

static void free_all(struct rexx *r)
{
    while (r->allocs) {
        struct alloc *a = r->allocs;
        r->allocs = a->next;
        cms_free(a);
    }
}

/* ---- errors ---- */

static const struct { u8 number; u16 message; const char *text; } errors[] = {
    {3, 451, "Program is unreadable"},
    {4, 452, "Program interrupted"},
    {5, 450, "Machine resources exhausted"},
    {6, 453, "Unmatched \"/*\" or quote"},
    {7, 454, "WHEN or OTHERWISE expected"},
    {8, 455, "Unexpected THEN or ELSE"},
    {9, 456, "Unexpected WHEN or OTHERWISE"},
    {10, 457, "Unexpected or unmatched END"},
    {11, 458, "Control stack full"},
    {13, 459, "Invalid character in data"},
    {14, 461, "Incomplete DO/SELECT/IF"},
    {15, 462, "Invalid hex constant"},
    {16, 463, "Label not found"},
    {17, 464, "Unexpected PROCEDURE"},
    {18, 465, "THEN expected"},
    {19, 466, "String or symbol expected"},
    {20, 467, "Symbol expected"},
    {21, 468, "Invalid data on end of clause"},
    {24, 460, "Invalid TRACE request"},
    {25, 461, "Invalid sub-keyword found"},
    {26, 462, "Invalid whole number"},
    {27, 463, "Invalid DO syntax"},
    {28, 464, "Invalid LEAVE or ITERATE"},
    {31, 467, "Name starts with numeric or \".\""},
    {33, 469, "Invalid expression result"},
    {34, 470, "Logical value not 0 or 1"},
    {35, 471, "Invalid expression"},
    {36, 472, "Unmatched \"(\" in expression"},
    {37, 473, "Unexpected \",\" or \")\""},
    {38, 474, "Invalid template or pattern"},
    {40, 475, "Incorrect call to routine"},
    {41, 476, "Bad arithmetic conversion"},
    {42, 477, "Arithmetic overflow/underflow"},
    {43, 478, "Routine not found"},
    {44, 479, "Function did not return data"},
    {47, 482, "Unexpected label"},
};

const char *rexx_error_text(int number)
{
    for (u32 i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].number == number) return errors[i].text;
    return "";
}

static int error_number;

void rexx_error(struct rexx *r, int number)
{
    error_number = number;
    cms_longjmp(r->out, 2);
}

void rexx_check_command_stack(struct rexx *r)
{
    u32 sp = (u32)__builtin_frame_address(0);
    if (sp < r->stack_low - STACK_MARGIN + COMMAND_STACK) rexx_error(r, 11);
}

void rexx_check_stack(struct rexx *r)
{
    u32 sp = (u32)__builtin_frame_address(0);
    if (sp < r->stack_low) rexx_error(r, 11);
}

static const char *line_text(struct rexx *r, int line)
{
    return line >= 1 && line <= r->nlines ? r->lines[line - 1] : "";
}

static int report(struct rexx *r, int number)
{
    int message = 449;
    const char *text = "";
    for (u32 i = 0; i < sizeof errors / sizeof errors[0]; i++)
        if (errors[i].number == number) { message = errors[i].message; text = errors[i].text; }
    if (!r->lines) {            /* not even read */
        sayf("DMSREX%03dE Error %d running %s EXEC: %s", message, number, r->fn, text);
        return 20000 + number;
    }
    sayf("%6d +++ %s", r->line, line_text(r, r->line));
    /* The calls that led here, innermost first. */
    for (struct act *a = r->act; a && a->caller; a = a->caller)
        sayf("%6d +++ %s", a->call_line, line_text(r, a->call_line));
    sayf("DMSREX%03dE Error %d running %s EXEC, line %d: %s", message, number, r->fn, r->line, text);
    return 20000 + number;
}

/* ---- the file ---- */

static char *read_program(struct rexx *r, struct adisk *d, const struct fileinfo *f)
{
    struct reader *rd = rx_zalloc(r, sizeof *rd);
    u8 *rec = rx_alloc(r, 256);
    if (fs_open(&d->fs, f->fname, f->ftype, rd)) rexx_error(r, 3);
    u32 size = (u32)f->items * 256 + 2;
    char *text = rx_alloc(r, size);
    r->lines = rx_alloc(r, ((u32)f->items + 1) * sizeof(char *));
    int at = 0, len;
    while ((len = fs_read(rd, rec, 255)) >= 0 && r->nlines < (int)f->items) {
        if (len > 255) len = 255;
        char *l = text + at;
        from_ebcdic(l, rec, (size_t)len);
        while (len && l[len - 1] == ' ') len--;
        for (int i = 0; i < len; i++) if (l[i] == '\t') l[i] = ' ';
        l[len] = 0;
        r->lines[r->nlines++] = l;
        at += len + 1;
    }
    fs_close(rd);
    /* One text for the tokenizer: the lines joined by '\n'. */
    char *joined = rx_alloc(r, (u32)at + 2);
    int o = 0;
    for (int i = 0; i < r->nlines; i++) {
        int n = (int)strlen(r->lines[i]);
        memcpy(joined + o, r->lines[i], (size_t)n);
        o += n;
        joined[o++] = '\n';
    }
    joined[o] = 0;
    rx_free(r, rec);
    rx_free(r, rd);
    return joined;
}

int rexx_is_rexx(struct adisk *d, const struct fileinfo *f)
{
    struct reader *rd = cms_alloc(sizeof *rd);
    u8 rec[256];
    int yes = 0;
    if (!rd) return 0;
    if (!fs_open(&d->fs, f->fname, f->ftype, rd)) {
        int len = fs_read(rd, rec, 255);
        if (len > 255) len = 255;
        char l[256];
        if (len > 0) {
            from_ebcdic(l, rec, (size_t)len);
            int i = 0;
            while (i < len && l[i] == ' ') i++;
            yes = i + 1 < len && l[i] == '/' && l[i + 1] == '*';
        }
        fs_close(rd);
    }
    cms_free(rd);
    return yes;
}

struct start { struct rexx *r; struct adisk *d; const struct fileinfo *f; const char *args; int rc; };

static int interpret(void *arg)
{
    struct start *s = arg;
    struct rexx *r = s->r;
    struct act *main_act = NULL;
    int how = cms_setjmp(r->out);
    if (how == 0) {
        char *text = read_program(r, s->d, s->f);
        r->line = 1;
        rexx_tokenize(r, text, 1, &r->main);
        rx_free(r, text);
        main_act = rx_zalloc(r, sizeof *main_act);
        main_act->pool = pool_new(r);
        main_act->digits = 9;
        strcpy(main_act->address, "CMS");
        strcpy(main_act->other_address, "CMS");
        /* One argument string, none when nothing was typed after the name. */
        main_act->nargs = s->args[0] ? 1 : 0;
        main_act->args = rx_alloc(r, sizeof(char *));
        main_act->args[0] = rx_strdup(r, s->args);
        r->act = main_act;
        r->prog = &r->main;
        rexx_run_routine(r, 0);
        s->rc = 0;
    } else if (how == 1) {
        s->rc = r->exit_rc;
    } else {
        s->rc = report(r, error_number);
    }
    return 0;
}

/* Runs fn on a new stack: r2 = fn, r3 = arg, r4 = the stack pointer to use
 * (with 8 bytes above its 96-byte save area for the old one). */
int rexx_on_stack(int (*fn)(void *), void *arg, u32 sp);
__asm__(
    "   .text\n"
    "   .align 4\n"
    "rexx_on_stack:\n"
    "   stm   %r14,%r15,56(%r15)\n"
    "   lr    %r1,%r15\n"
    "   lr    %r15,%r4\n"
    "   st    %r1,96(%r15)\n"
    "   sr    %r0,%r0\n"
    "   st    %r0,0(%r15)\n"
    "   lr    %r1,%r2\n"
    "   lr    %r2,%r3\n"
    "   basr  %r14,%r1\n"
    "   l     %r15,96(%r15)\n"
    "   lm    %r14,%r15,56(%r15)\n"
    "   br    %r14\n");

/* The interpreter's stack, shared by nested REXX EXECs; one left behind by
 * an abend (the stack pointer is no longer in it) is taken again. */
static u8 *stack_base;
static int stack_users;

int rexx_exec(struct adisk *d, const struct fileinfo *f, const char *args)
{
    struct rexx *r = cms_alloc(sizeof *r);
    if (!r) {
        say("DMSREX450E Error 5 running EXEC: Machine resources exhausted");
        return 20005;
    }
    memcpy(r->fn, f->fname, 8);
    r->fn[8] = 0;
    r->fm[0] = d->mode;
    r->fm[1] = f->fmode_digit ? f->fmode_digit : '1';
    r->trace = 'N';
    struct start s = {r, d, f, args, 0};
    u32 sp = (u32)__builtin_frame_address(0);
    int inside = stack_base && sp > (u32)stack_base && sp <= (u32)stack_base + REXX_STACK;
    if (stack_base && !inside && stack_users) stack_users = 0;     /* left by an abend */
    if (!stack_base) stack_base = cms_alloc(REXX_STACK);
    if (!stack_base) {
        cms_free(r);
        say("DMSREX450E Error 5 running EXEC: Machine resources exhausted");
        return 20005;
    }
    r->stack_low = (u32)stack_base + STACK_MARGIN;
    stack_users++;
    if (inside) interpret(&s);
    else rexx_on_stack(interpret, &s, ((u32)stack_base + REXX_STACK - 112) & ~7u);
    stack_users--;
    free_all(r);
    cms_free(r);
    if (stack_users == 0) {
        cms_free(stack_base);
        stack_base = NULL;
    }
    return s.rc;
}
