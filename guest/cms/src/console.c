/* vm67 CMS: the console, a 3215 at the address CP reports (009 as a rule):
 * write CCW X'09' (with carrier return), read CCW X'0A'. */
#include "attention.h"

#define LINE 130

static u32 console_address(void)
{
    static u32 address;
    if (!address) {
        address = diag_console_address();
        if (!address) address = 0x009;
    }
    return address;
}

void cons_write(const char *text, size_t n)
{
    static u8 buf[LINE] __attribute__((aligned(8)));
    static struct ccw ccw;
    attention_poll();
    if (attention_typing_halted) return;        /* HT */
    do {
        size_t part = n > LINE ? LINE : n;
        if (part == 0) {
            buf[0] = 0x40;
            ccw_set(&ccw, 0x09, buf, CCW_SILI, 1);
        } else {
            to_ebcdic(buf, text, part);
            ccw_set(&ccw, 0x09, buf, CCW_SILI, (u16)part);
        }
        io_run(console_address(), &ccw, NULL);
        text += part;
        n -= part;
    } while (n);
}

void say(const char *text) { cons_write(text, strlen(text)); }

void sayf(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vformat(line, sizeof line, fmt, ap);
    va_end(ap);
    say(line);
}

/* The console stack: lines &STACK (or a program) put there are read before
 * the terminal is. */
#define STACK_LINES 64
static char (*stacked)[LINE + 1];     /* nucleus free storage, taken at first use */
static int stack_count;

int stack_push(const char *text, int lifo)
{
    if (!stacked) stacked = cms_alloc(STACK_LINES * (LINE + 1));
    if (!stacked || stack_count == STACK_LINES) return -1;
    if (lifo) {
        for (int i = stack_count; i > 0; i--) memcpy(stacked[i], stacked[i - 1], LINE + 1);
        lifo = 0;
    } else {
        lifo = stack_count;
    }
    size_t n = strlen(text);
    if (n > LINE) n = LINE;
    memcpy(stacked[lifo], text, n);
    stacked[lifo][n] = 0;
    stack_count++;
    return 0;
}

int stack_lines(void) { return stack_count; }

void stack_clear(void) { stack_count = 0; }

int cons_read(char *out, int max)
{
    attention_poll_now();       /* a line typed meanwhile: HX ... or stacked */
    attention_halt_now();       /* HX: a command waiting for input ends here */
    if (stack_count) {
        int n = (int)strlen(stacked[0]);
        if (n > max - 1) n = max - 1;
        memcpy(out, stacked[0], (size_t)n);
        out[n] = 0;
        stack_count--;
        for (int i = 0; i < stack_count; i++) memcpy(stacked[i], stacked[i + 1], LINE + 1);
        return n;
    }
    return cons_read_terminal(out, max);
}

int cons_read_terminal(char *out, int max)
{
    static u8 buf[LINE] __attribute__((aligned(8)));
    static struct ccw ccw;
    struct csw csw;
    ccw_set(&ccw, 0x0A, buf, CCW_SILI, LINE);
    if (io_run(console_address(), &ccw, &csw) != 0) return 0;
    /* The line typed ahead answered this read: its attention is done with. */
    io_take_attention();
    int n = LINE - csw.residual;
    if (n < 0 || (csw.unit & UNIT_EXCEPTION)) n = 0;
    if (n > max - 1) n = max - 1;
    from_ebcdic(out, buf, (size_t)n);
    out[n] = 0;
    return n;
}
