/* vm67 CMS: the DIAGNOSE codes the nucleus asks CP for. */
#include "cms.h"

/* X'0C' pseudo timer: date, time, virtual and total CPU time (µs). */
void diag_timer(struct timer_info *t)
{
    static u8 area[32] __attribute__((aligned(8)));
    register u32 r2 __asm__("2") = (u32)area;
    __asm__ __volatile__("diag %0,0,0x0c" : : "d"(r2) : "memory");
    from_ebcdic(t->date, area, 8);
    t->date[8] = 0;
    from_ebcdic(t->time, area + 8, 8);
    t->time[8] = 0;
    memcpy(&t->virtual_us, area + 16, 8);
    memcpy(&t->total_us, area + 24, 8);
}

/* X'60' virtual storage size. */
u32 diag_storage_size(void)
{
    register u32 r2 __asm__("2") = 0;
    __asm__ __volatile__("diag %0,0,0x60" : "+d"(r2) : : "memory");
    return r2;
}

/* X'08' CP command with the response in a buffer (Rx=2, Rx+1=3, Ry=4, Ry+1=5). */
int diag_cp(const u8 *command, u32 length, u8 *response, u32 size, u32 *rc)
{
    memset(response, 0, size);
    register u32 r2 __asm__("2") = (u32)command;
    register u32 r3 __asm__("3") = (u32)response;
    register u32 r4 __asm__("4") = 0x40000000u | length;
    register u32 r5 __asm__("5") = size;
    int cc;
    __asm__ __volatile__("diag %1,%3,0x08\n\tipm %0\n\tsrl %0,28"
                         : "=d"(cc), "+d"(r2), "+d"(r3), "+d"(r4), "+d"(r5) : : "memory", "cc");
    *rc = r4;
    if (cc == 0) return (int)r5;
    /* CC 1: only whole lines were stored; find the end of the last one. */
    int stored = 0;
    for (u32 i = 0; i < size; i++)
        if (response[i] == 0x15) stored = (int)i + 1;
    return stored;
}

/* X'08' with Ry = 0: stop in CP READ. */
void diag_enter_cp(void)
{
    register u32 r2 __asm__("2") = 0;
    register u32 r4 __asm__("4") = 0;
    __asm__ __volatile__("diag %0,%1,0x08" : "+d"(r2), "+d"(r4) : : "memory", "cc");
}

/* X'24' device type: CC 0 and the VDEV and RDEV words, or -1. */
int diag_device_type(u32 device, u32 *virtual_info, u32 *real_info)
{
    register u32 r2 __asm__("2") = device;
    register u32 r4 __asm__("4") = 0;
    register u32 r5 __asm__("5") = 0;
    int cc;
    __asm__ __volatile__("diag %1,%2,0x24\n\tipm %0\n\tsrl %0,28"
                         : "=d"(cc), "+d"(r2), "+d"(r4), "+d"(r5) : : "memory", "cc");
    if (cc != 0) return -1;
    *virtual_info = r4;
    *real_info = r5;
    return 0;
}

/* X'24' with -1: the console's virtual address (0 if none). */
u32 diag_console_address(void)
{
    register u32 r2 __asm__("2") = 0xFFFFFFFFu;
    register u32 r4 __asm__("4") = 0;
    register u32 r5 __asm__("5") = 0;
    int cc;
    __asm__ __volatile__("diag %1,%2,0x24\n\tipm %0\n\tsrl %0,28"
                         : "=d"(cc), "+d"(r2), "+d"(r4), "+d"(r5) : : "memory", "cc");
    return cc == 0 ? (r2 & 0xFFFF) : 0;
}
