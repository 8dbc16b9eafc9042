/* vm67 CMS: channel programs. SIO starts a program; the nucleus waits,
 * enabled only in io_wait, until the device's I/O interruption is
 * recorded by io_interrupt (called from the I/O handler in start.S). */
#include "cms.h"

#define RING 32
struct pending { u32 device; struct csw csw; };
static volatile struct pending ring[RING];
static volatile u32 ring_count;
static volatile int attention;

void ccw_set(struct ccw *c, u8 cmd, const void *data, u8 flags, u16 count)
{
    u32 a = (u32)data;
    c->cmd = cmd;
    c->addr[0] = (u8)(a >> 16);
    c->addr[1] = (u8)(a >> 8);
    c->addr[2] = (u8)a;
    c->flags = flags;
    c->zero = 0;
    c->count = count;
}

void io_interrupt(u32 device, const struct csw *csw)
{
    /* An attention (the user typed while CMS was running), alone or with
     * the ending status of a console write it came during. (With unit
     * check it is CP taking a full screen back: fullscreen.c waits for the
     * attention that follows.) */
    if ((csw->unit & UNIT_ATTENTION) && !(csw->unit & (UNIT_CE | UNIT_DE))) {
        attention = 1;
        return;
    }
    if ((csw->unit & UNIT_ATTENTION) && !(csw->unit & UNIT_CHECK)) attention = 1;
    if (ring_count == RING) {
        for (u32 i = 1; i < RING; i++) ring[i - 1] = ring[i];
        ring_count--;
    }
    ring[ring_count].device = device;
    memcpy((void *)&ring[ring_count].csw, csw, sizeof *csw);
    ring_count++;
}

int io_take_attention(void)
{
    int a = attention;
    attention = 0;
    return a;
}

/* Takes the first recorded interruption of `device` into *csw. */
static int take(u32 device, struct csw *csw)
{
    for (u32 i = 0; i < ring_count; i++) {
        if (ring[i].device != device) continue;
        memcpy(csw, (const void *)&ring[i].csw, sizeof *csw);
        for (u32 j = i + 1; j < ring_count; j++) ring[j - 1] = ring[j];
        ring_count--;
        return 1;
    }
    return 0;
}

static void wait_for(u32 device, struct csw *csw)
{
    while (!take(device, csw)) io_wait();
}

int io_run(u32 device, struct ccw *program, struct csw *out)
{
    struct csw status, part;
    int tries = 0;
    /* An interruption left from before (a reader's device end when a file
     * arrived) must not end this program. */
    while (take(device, &part)) {}
    for (;;) {
        int cc = sio(device, (u32)program);
        if (cc == 0) break;
        if (cc == 3) return -1;
        if (cc == 1) {
            memcpy(&status, (const void *)0x40, sizeof status);
            /* Status pending (an attention the user typed): stored, not interrupted. */
            if ((status.unit & UNIT_ATTENTION) && !(status.unit & UNIT_CHECK)) attention = 1;
            if (status.unit & UNIT_DE) {        /* ended at once */
                if (out) *out = status;
                return 0;
            }
        } else {                                /* busy: wait for it to end */
            wait_for(device, &part);
        }
        if (++tries > 100) return -2;
    }
    memset(&status, 0, sizeof status);
    do {
        wait_for(device, &part);
        if (part.unit & UNIT_CE) {
            memcpy(status.key_addr, part.key_addr, 4);
            status.channel = part.channel;
            status.residual = part.residual;
        }
        status.unit |= part.unit;
    } while (!(status.unit & (UNIT_DE | UNIT_CHECK | UNIT_EXCEPTION)));
    if (out) *out = status;
    return 0;
}

/* The interruption that ends I/O started without SIO (DIAGNOSE X'58'
 * full-screen I/O, fullscreen.c). */
void io_wait_device(u32 device, struct csw *csw)
{
    wait_for(device, csw);
}
