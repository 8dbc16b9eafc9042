/* vm67 CMS: full-screen I/O on a 3270 console. DIAGNOSE X'58' starts the
 * I/O (the command's CTL byte, CCW byte 5, says Erase/Write or Write, Read
 * Modified) and CP ends it with an I/O interruption from the console. When
 * CP has written its own output over the screen, the I/O ends with
 * attention, CE, DE and unit check (X'8E'): the screen is CP's until the
 * user gives it back (an attention), and then the program writes it all
 * again. */
#include "fullscreen.h"

static u32 console(void)
{
    u32 address = diag_console_address();
    return address ? address : 0x009;
}

int scr_console_is_display(void)
{
    u32 virtual_info, real_info;
    if (diag_device_type(console(), &virtual_info, &real_info)) return 0;
    return (real_info >> 24) == 0x40;       /* RDEVTYPC: a graphics device */
}

/* DIAGNOSE X'58' with one CCW; the condition code. */
static int diagnose58(struct ccw *c)
{
    /* Both values first: a call made while the register variables are
     * live would use R2. */
    u32 ccw_address = (u32)c, device = console();
    register u32 rx __asm__("2") = ccw_address;
    register u32 ry __asm__("3") = device;
    int cc;
    __asm__ __volatile__("diag %1,%2,0x58\n\tipm %0\n\tsrl %0,28"
                         : "=d"(cc) : "d"(rx), "d"(ry) : "memory", "cc");
    return cc;
}

/* Waits until the user gives the screen back after CP used it. */
static void wait_for_attention(void)
{
    while (!io_take_attention()) io_wait();
}

static int run(u8 command, u8 control, const void *data, u32 length, u32 *residual)
{
    static struct ccw c;
    ccw_set(&c, command, data, CCW_SILI, (u16)length);
    c.zero = control;                       /* the CTL byte */
    if (diagnose58(&c) != 0) return SCR_FAILED;
    struct csw csw;
    io_wait_device(console(), &csw);
    if ((csw.unit & UNIT_ATTENTION) && (csw.unit & UNIT_CHECK)) {
        wait_for_attention();
        return SCR_REPAINT;
    }
    if (csw.unit & UNIT_CHECK) return SCR_FAILED;
    if (residual) *residual = csw.residual;
    return SCR_DONE;
}

int scr_write(const u8 *data, u32 length, int erase)
{
    return run(0x29, erase ? 0x80 : 0x00, data, length, NULL);
}

int scr_read(u8 *buf, u32 max, u32 *length)
{
    wait_for_attention();
    u32 residual = 0;
    int rc = run(0x2A, 0x80, buf, max, &residual);
    *length = rc == SCR_DONE ? max - residual : 0;
    return rc;
}

void scr_leave(void)
{
    static struct ccw c;
    static u8 blank = 0x40;
    ccw_set(&c, 0x19, &blank, CCW_SILI, 1);
    c.zero = 0xFF;                          /* clear CP's screen */
    diagnose58(&c);
}

static const u8 address_code[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

void scr_address_encode(u32 address, u8 out[2])
{
    out[0] = address_code[(address >> 6) & 0x3F];
    out[1] = address_code[address & 0x3F];
}

u32 scr_address_decode(const u8 in[2])
{
    if ((in[0] & 0xC0) == 0) return (u32)(in[0] & 0x3F) << 8 | in[1];     /* 14-bit binary */
    return (u32)(in[0] & 0x3F) << 6 | (in[1] & 0x3F);
}
