/* vm67 CMS: the OS SVCs a simple program needs, as CMS simulates them:
 *   SVC 3   EXIT: the program ends, its R15 is the return code
 *   SVC 4   GETMAIN (list form: +0 length or A(minimum, maximum), +4 A(word
 *           for the address), +8 mode: X'80' conditional, X'40' variable)
 *   SVC 5   FREEMAIN (list form: +0 length, +4 A(word holding the address))
 *   SVC 10  GETMAIN R (R1 with a nonzero high byte, or 0: R0 the length,
 *           the address comes back in R1) or FREEMAIN R (R1 the address,
 *           R0 the length)
 *   SVC 11  TIME: R1 0 DEC (R0 packed HHMMSSth), 1 BIN (hundredths), 2 TU
 *           (26.04 microsecond units); R1 the date, packed 0CYYDDDF
 *   SVC 13  ABEND: R1 bits 8-19 a system code, 20-31 a user code
 *   SVC 35  WTO (+0 length, +2 flags, +4 text) and WTOR (+0 reply length,
 *           +1 reply address, +4 A(ECB), +8 the WTO list): the console
 * GETMAIN storage lies between the end of the loaded program and the
 * nucleus's free storage; it is all given back when the program ends. */
#include "commands.h"
#include "loader.h"

struct area { u32 size; struct area *next; };     /* a free piece, in user storage */
static struct area *free_areas;
static int pool_ready;

void os_storage_reset(void) { pool_ready = 0; }

static void pool_init(void)
{
    if (pool_ready) return;
    u32 start = program_heap_start(), end = user_area_end() & ~7u;
    free_areas = NULL;
    if (end > start + 8) {
        free_areas = (struct area *)start;
        free_areas->size = end - start;
        free_areas->next = NULL;
    }
    pool_ready = 1;
}

static u32 largest(void)
{
    u32 best = 0;
    for (struct area *a = free_areas; a; a = a->next) if (a->size > best) best = a->size;
    return best;
}

/* First fit, doubleword multiples; 0 when there is no room. */
static u32 get(u32 size)
{
    pool_init();
    size = (size + 7) & ~7u;
    if (!size) return 0;
    for (struct area **link = &free_areas; *link; link = &(*link)->next) {
        struct area *a = *link;
        if (a->size < size) continue;
        if (a->size == size) {
            *link = a->next;
        } else {
            struct area *rest = (struct area *)((u8 *)a + size);
            rest->size = a->size - size;
            rest->next = a->next;
            *link = rest;
        }
        return (u32)a;
    }
    return 0;
}

/* 0, or -1 when the area is not GETMAIN storage that is in use. */
static int release(u32 address, u32 size)
{
    pool_init();
    size = (size + 7) & ~7u;
    if (!size) return 0;
    if ((address & 7) || address < program_heap_start() || address + size > user_area_end()) return -1;
    struct area **link = &free_areas;
    while (*link && (u32)*link < address) link = &(*link)->next;
    struct area *after = *link;
    if (after && address + size > (u32)after) return -1;
    struct area *before = NULL;
    for (struct area *a = free_areas; a && a != after; a = a->next) before = a;
    if (before && (u32)before + before->size > address) return -1;
    struct area *a = (struct area *)address;
    a->size = size;
    a->next = after;
    *link = a;
    if (after && address + size == (u32)after) {
        a->size += after->size;
        a->next = after->next;
    }
    if (before && (u32)before + before->size == address) {
        before->size += a->size;
        before->next = a->next;
    }
    return 0;
}

/* CMS names the address after the SVC as the place an ABEND was called from. */
/* Where an SVC may store for a program: its own storage, not the nucleus. */
static int user_storage(u32 address, u32 length)
{
    return address >= user_area_start() && address + length <= storage_size() && address + length > address;
}

static u32 psw_at(const u8 *psw) { return (u32)psw[5] << 16 | (u32)psw[6] << 8 | psw[7]; }

static void storage_exhausted(u32 code, const u8 *psw)
{
    say("DMSSMN109S VIRTUAL STORAGE CAPACITY EXCEEDED");
    abend_program(0, code, psw_at(psw));
}

static void bad_request(u32 code, const u8 *psw)
{
    say("DMSSMN133S INVALID GETMAIN OR FREEMAIN SPECIFICATION");
    abend_program(0, code, psw_at(psw));
}

static void svc_getmain_list(u32 *regs, const u8 *psw)
{
    u8 *list = (u8 *)(regs[1] & 0xFFFFFF);
    u8 mode = list[8];
    int conditional = (mode & 0x80) != 0;
    u32 *result = (u32 *)(get32(list + 4) & 0xFFFFFF);
    u32 got = 0, size = 0;
    if (!user_storage((u32)result, 8)) bad_request(0x804, psw);
    if (mode & 0x40) {                  /* variable: as much as there is, from minimum to maximum */
        const u8 *range = (const u8 *)(get32(list) & 0xFFFFFF);
        u32 minimum = get32(range), maximum = get32(range + 4);
        pool_init();
        size = largest();
        if (size > ((maximum + 7) & ~7u)) size = (maximum + 7) & ~7u;
        if (size >= minimum && size) got = get(size);
        if (got) result[1] = size;
    } else {
        size = get32(list);
        got = get(size);
    }
    if (!got) {
        if (!conditional) storage_exhausted(0x804, psw);
        regs[15] = 4;
        return;
    }
    result[0] = got;
    regs[15] = 0;
}

static void svc_freemain_list(u32 *regs, const u8 *psw)
{
    u8 *list = (u8 *)(regs[1] & 0xFFFFFF);
    const u8 *word = (const u8 *)(get32(list + 4) & 0xFFFFFF);
    u32 size = (list[8] & 0x40) ? get32(word + 4) : get32(list);
    if (release(get32(word) & 0xFFFFFF, size & 0xFFFFFF)) bad_request(0x905, psw);
    regs[15] = 0;
}

static void svc_getmain_r(u32 *regs, const u8 *psw)
{
    u32 size = regs[0] & 0xFFFFFF;
    if ((regs[1] & 0xFF000000) || regs[1] == 0) {
        u32 got = get(size);
        if (!got) storage_exhausted(0x80A, psw);
        regs[1] = got;
        regs[15] = 0;
        return;
    }
    if (release(regs[1] & 0xFFFFFF, size)) bad_request(0xA0A, psw);
    regs[15] = 0;
}

static u32 two_digits(const char *s) { return (u32)(s[0] - '0') * 10 + (u32)(s[1] - '0'); }

static void svc_time(u32 *regs)
{
    static const u16 before_month[] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    struct timer_info t;
    diag_timer(&t);     /* MM/DD/YY HH:MM:SS */
    u32 month = two_digits(t.date), day = two_digits(t.date + 3), year = two_digits(t.date + 6);
    u32 yday = (month >= 1 && month <= 12 ? before_month[month - 1] : 0) + day;
    if (month > 2 && year % 4 == 0) yday++;
    u32 hh = two_digits(t.time), mm = two_digits(t.time + 3), ss = two_digits(t.time + 6);
    u32 hundredths = ((hh * 60 + mm) * 60 + ss) * 100;
    switch (regs[1] & 0xFF) {
    case 1: regs[0] = hundredths; break;
    case 2: regs[0] = hundredths * 384; break;      /* 1/100 s = 384 units of 26.04 us */
    default:
        regs[0] = (hh / 10) << 28 | (hh % 10) << 24 | (mm / 10) << 20 | (mm % 10) << 16 | (ss / 10) << 12 |
                  (ss % 10) << 8;
    }
    /* 0CYYDDDF: C is 1 for the years 2000 to 2099. */
    regs[1] = (year < 70 ? 1u : 0u) << 24 | (year / 10) << 20 | (year % 10) << 16 | (yday / 100) << 12 |
              (yday / 10 % 10) << 8 | (yday % 10) << 4 | 0xF;
    regs[15] = 0;
}

static void show(const u8 *text, u32 length)
{
    static char line[256];
    if (length > 255) length = 255;
    from_ebcdic(line, text, length);
    cons_write(line, length);
}

static void svc_wto(u32 *regs)
{
    u8 *list = (u8 *)(regs[1] & 0xFFFFFF);
    if (list[0] == 0) {                 /* WTO: a halfword length, not a reply length */
        u32 length = get16(list);
        show(list + 4, length > 4 ? length - 4 : 0);
        regs[15] = 0;
        return;
    }
    u32 reply_length = list[0];
    u8 *reply = (u8 *)(get32(list) & 0xFFFFFF);
    u8 *ecb = (u8 *)(get32(list + 4) & 0xFFFFFF);
    u32 length = get16(list + 8);
    show(list + 12, length > 4 ? length - 4 : 0);
    if (!user_storage((u32)reply, reply_length) || !user_storage((u32)ecb, 4)) {
        regs[15] = 0;
        return;
    }
    char answer[131];
    int n = cons_read(answer, sizeof answer);
    if ((u32)n > reply_length) n = (int)reply_length;
    for (int k = 0; k < n; k++) answer[k] = (char)toupper((u8)answer[k]);
    to_ebcdic(reply, answer, (size_t)n);
    put32(ecb, 0x40000000);             /* posted, complete */
    regs[15] = 0;
}

int os_svc(int number, u32 *regs, u8 *psw)
{
    switch (number) {
    case 3:
        if (!program_active()) return 0;
        program_exit((int)regs[15]);
    case 4: svc_getmain_list(regs, psw); return 1;
    case 5: svc_freemain_list(regs, psw); return 1;
    case 10: svc_getmain_r(regs, psw); return 1;
    case 11: svc_time(regs); return 1;
    case 13: {
        u32 code = regs[1];
        u32 user = code & 0xFFF, system = (code >> 12) & 0xFFF;
        if (user) abend_program(1, user, psw_at(psw));
        abend_program(0, system, psw_at(psw));
    }
    case 35: svc_wto(regs); return 1;
    }
    return 0;
}
