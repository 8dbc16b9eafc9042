/* vm67 CMS: the console, a 3215 at the address CP reports (009 as a rule):
 * write CCW X'09' (with carrier return), read CCW X'0A'. */
#include "cms.h"

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

int cons_read(char *out, int max)
{
    static u8 buf[LINE] __attribute__((aligned(8)));
    static struct ccw ccw;
    struct csw csw;
    ccw_set(&ccw, 0x0A, buf, CCW_SILI, LINE);
    if (io_run(console_address(), &ccw, &csw) != 0) return 0;
    int n = LINE - csw.residual;
    if (n < 0 || (csw.unit & UNIT_EXCEPTION)) n = 0;
    if (n > max - 1) n = max - 1;
    from_ebcdic(out, buf, (size_t)n);
    out[n] = 0;
    return n;
}
