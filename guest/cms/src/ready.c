/* vm67 CMS: the Ready message, with the CPU time used since the last one
 * (DIAGNOSE X'0C'): `Ready; T=0.01/0.01 14:03:22`, or `Ready(00028); ...`;
 * SET RDYMSG SMSG shortens Ready to R. */
#include "attention.h"

static u64 last_virtual, last_total;

void ready_reset(void)
{
    struct timer_info t;
    diag_timer(&t);
    last_virtual = t.virtual_us;
    last_total = t.total_us;
}

/* Hundredths of a second in `text` as s.hh. */
static void seconds(char *text, size_t size, u64 from, u64 to)
{
    u32 us = to > from ? (u32)(to - from) : 0;
    u32 hundredths = us / 10000 + (us % 10000 >= 5000);
    format(text, size, "%u.%02u", hundredths / 100, hundredths % 100);
}

void ready_message(int rc)
{
    struct timer_info t;
    char v[16], total[16], code[16];
    diag_timer(&t);
    seconds(v, sizeof v, last_virtual, t.virtual_us);
    seconds(total, sizeof total, last_total, t.total_us);
    last_virtual = t.virtual_us;
    last_total = t.total_us;
    if (attention_ready()) rc = 0;      /* HT and HI end here; after HX, CMS */
    code[0] = 0;
    if (rc) format(code, sizeof code, "(%05d)", rc);
    sayf("%s%s; T=%s/%s %s", settings.rdymsg_short ? "R" : "Ready", code, v, total, t.time);
}

static u8 bcd(const char *two) { return (u8)((two[0] - '0') << 4 | (two[1] - '0')); }

/* For the file system: now as BCD MM DD HH MM and the year's digits. */
void fs_now(u8 date[4], char year[2])
{
    struct timer_info t;
    diag_timer(&t);         /* MM/DD/YY HH:MM:SS */
    date[0] = bcd(t.date);
    date[1] = bcd(t.date + 3);
    date[2] = bcd(t.time);
    date[3] = bcd(t.time + 3);
    year[0] = t.date[6];
    year[1] = t.date[7];
}
