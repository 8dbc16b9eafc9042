/* vm67 CMS: DEBUG — the debug environment (VM/370 R6 CMS DEBUG).
 *
 * DEBUG types DMSDBG728I DEBUG ENTERED. and reads subcommands, each
 * answered and then a blank line, as R6 does:
 *   BREAK id addr       a breakpoint (id 0-15): the halfword at addr is
 *                       replaced by X'00nn', an invalid operation; when the
 *                       program gets there, the original halfword is put
 *                       back and DEBUG is entered (BREAKPOINT nn AT addr)
 *   GO [addr]           resume the program stopped at a breakpoint
 *   GPR r1 [r2]         registers, one a line     PSW, CAW, CSW
 *   X addr [n]          n bytes (decimal, 4 by default, at most 56) in hex
 *   STORE addr hex...   store up to 12 bytes      SET GPR r hex (from the left)
 *   ORIGIN addr         a base added to the addresses given
 *   DUMP [a1 [a2]]      storage to the printer
 *   RETURN              back to CMS (from DEBUG typed as a command)
 *   HX                  back to CMS, ending a program stopped at a breakpoint
 * Errors: INVALID DEBUG REQUEST, MISSING OPERAND, INVALID OPERAND,
 * INCORRECT DEBUG EXIT. */
#include "commands.h"
#include "debug.h"
#include "unitrec.h"

#define BREAKS 16
#define X_MAX 56
#define MAXTOKEN_HEX 8        /* a PLIST token: 8 characters */

struct breakpoint { int set; u32 address; u16 original; };
static struct breakpoint breaks[BREAKS];
static u32 origin;

/* The program's state while DEBUG runs: what GPR and PSW show and SET changes. */
static u32 state_regs[16];
static u8 state_psw[8];

static u32 psw_address(const u8 *psw) { return (u32)psw[5] << 16 | (u32)psw[6] << 8 | psw[7]; }

static void hex_bytes(char *out, const u8 *data, u32 n)
{
    static const char digits[] = "0123456789ABCDEF";
    for (u32 i = 0; i < n; i++) {
        out[2 * i] = digits[data[i] >> 4];
        out[2 * i + 1] = digits[data[i] & 15];
    }
    out[2 * n] = 0;
}

/* An address operand (plus ORIGIN) inside storage; 0 when it is not. */
static int address(const char *text, u32 *a, u32 length)
{
    u32 v;
    if (!parse_hex(text, &v)) return 0;
    v += origin;
    if (v >= storage_size() || v + length > storage_size()) return 0;
    *a = v;
    return 1;
}

/* Hex digits into bytes (an odd number gets a leading 0, as in R6); their
 * count, or -1. */
static int hex_data(const char *text, u8 *out, int max)
{
    char digits[MAXTOKEN_HEX + 2];
    int n = (int)strlen(text);
    if (n == 0 || n > MAXTOKEN_HEX) return -1;
    digits[0] = '0';
    strcpy(digits + 1, text);
    const char *d = n % 2 ? digits : digits + 1;
    n = (int)strlen(d);
    if (n / 2 > max) return -1;
    for (int i = 0; i < n; i += 2) {
        char pair[3] = { d[i], d[i + 1], 0 };
        u32 v;
        if (!parse_hex(pair, &v)) return -1;
        out[i / 2] = (u8)v;
    }
    return n / 2;
}

static void remove_break(int id)
{
    struct breakpoint *b = &breaks[id];
    if (!b->set) return;
    u8 *at = (u8 *)b->address;
    at[0] = (u8)(b->original >> 8);
    at[1] = (u8)b->original;
    b->set = 0;
}

static void dump(struct plist *q)
{
    u32 from = 0, to = storage_size() - 1;
    if (q->count > 1 && !address(q->token[1], &from, 1)) { say("INVALID OPERAND"); return; }
    if (q->count > 2 && !address(q->token[2], &to, 1)) { say("INVALID OPERAND"); return; }
    if (!have_device(PRINTER)) { say("DMSDBG008E DEVICE 00E (PRINTER) NOT ATTACHED"); return; }
    from &= ~31u;
    char line[132];
    u8 e[132];
    for (u32 a = from; a <= to; a += 32) {
        format(line, sizeof line, "%06X  ", a);
        for (u32 w = 0; w < 8; w++) {
            hex_bytes(line + strlen(line), (const u8 *)(a + 4 * w), 4);
            strcpy(line + strlen(line), " ");
        }
        to_ebcdic(e, line, strlen(line));
        if (unit_write(PRINTER, 0x09, e, (u32)strlen(line))) break;
        if (a + 32 < a) break;
    }
    cpf(CP_SHOW, "CLOSE %03X", PRINTER);
}

#define STAY 0
#define LEAVE 1
#define RESUME 2

/* One subcommand; what to do next. */
static int subcommand(struct plist *q, int at_break)
{
    const char *w = q->token[0];
    char out[132];
    u32 a, n;
    if (strcmp(w, "GPR") == 0) {
        if (q->count < 2) { say("MISSING OPERAND"); return STAY; }
        u32 r1, r2;
        if (!parse_dec(q->token[1], &r1) || r1 > 15) { say("INVALID OPERAND"); return STAY; }
        r2 = r1;
        if (q->count > 2 && (!parse_dec(q->token[2], &r2) || r2 > 15 || r2 < r1)) { say("INVALID OPERAND"); return STAY; }
        for (u32 r = r1; r <= r2; r++) sayf("%08X", state_regs[r]);
    } else if (strcmp(w, "PSW") == 0) {
        hex_bytes(out, state_psw, 8);
        say(out);
    } else if (strcmp(w, "CAW") == 0) {
        hex_bytes(out, (const u8 *)0x48, 4);
        say(out);
    } else if (strcmp(w, "CSW") == 0) {
        hex_bytes(out, (const u8 *)0x40, 8);
        say(out);
    } else if (strcmp(w, "X") == 0) {
        if (q->count < 2) { say("MISSING OPERAND"); return STAY; }
        n = 4;
        if (q->count > 2 && (!parse_dec(q->token[2], &n) || n == 0 || n > X_MAX)) { say("INVALID OPERAND"); return STAY; }
        if (!address(q->token[1], &a, n)) { say("INVALID OPERAND"); return STAY; }
        hex_bytes(out, (const u8 *)a, n);
        say(out);
    } else if (strcmp(w, "STORE") == 0) {
        if (q->count < 3) { say("MISSING OPERAND"); return STAY; }
        u8 data[12];
        int len = 0;
        for (int i = 2; i < q->count; i++) {
            int k = hex_data(q->token[i], data + len, 12 - len);
            if (k < 0) { say("INVALID OPERAND"); return STAY; }
            len += k;
        }
        if (!address(q->token[1], &a, (u32)len)) { say("INVALID OPERAND"); return STAY; }
        memcpy((u8 *)a, data, (size_t)len);
    } else if (strcmp(w, "SET") == 0) {
        /* SET GPR r hex: the bytes replace the register's from the left, as in R6. */
        u32 r;
        u8 bytes[4];
        if (q->count < 4) { say("MISSING OPERAND"); return STAY; }
        int k = strcmp(q->token[1], "GPR") == 0 && parse_dec(q->token[2], &r) && r <= 15
                ? hex_data(q->token[3], bytes, 4) : -1;
        if (k < 0) { say("INVALID OPERAND"); return STAY; }
        for (int i = 0; i < k; i++) {
            u32 shift = (u32)(24 - 8 * i);
            state_regs[r] = (state_regs[r] & ~(0xFFu << shift)) | (u32)bytes[i] << shift;
        }
    } else if (strcmp(w, "ORIGIN") == 0 || strcmp(w, "ORG") == 0) {
        if (q->count < 2) { say("MISSING OPERAND"); return STAY; }
        if (!parse_hex(q->token[1], &a) || a >= storage_size()) { say("INVALID OPERAND"); return STAY; }
        origin = a;
    } else if (strcmp(w, "BREAK") == 0) {
        u32 id;
        if (q->count < 3) { say("MISSING OPERAND"); return STAY; }
        if (!parse_dec(q->token[1], &id) || id >= BREAKS) { say("INVALID OPERAND"); return STAY; }
        if (!address(q->token[2], &a, 2) || (a & 1) || a < user_area_start()) {
            say("INVALID STORAGE ADDRESS");
            return STAY;
        }
        remove_break((int)id);
        u8 *at = (u8 *)a;
        breaks[id].original = (u16)(at[0] << 8 | at[1]);
        breaks[id].address = a;
        breaks[id].set = 1;
        at[0] = 0x00;
        at[1] = (u8)id;
    } else if (strcmp(w, "DUMP") == 0) {
        dump(q);
    } else if (strcmp(w, "GO") == 0) {
        if (!at_break) { say("INCORRECT DEBUG EXIT"); return STAY; }
        if (q->count > 1) {
            if (!address(q->token[1], &a, 2)) { say("INVALID OPERAND"); return STAY; }
            state_psw[5] = (u8)(a >> 16);
            state_psw[6] = (u8)(a >> 8);
            state_psw[7] = (u8)a;
        }
        return RESUME;
    } else if (strcmp(w, "RETURN") == 0) {
        if (at_break) { say("INCORRECT DEBUG EXIT"); return STAY; }
        return LEAVE;
    } else if (strcmp(w, "HX") == 0) {
        say("CMS");
        return LEAVE;
    } else {
        say("INVALID DEBUG REQUEST");
    }
    return STAY;
}

/* The environment's loop; LEAVE or RESUME. */
static int debug_session(int at_break)
{
    static struct plist q;
    char line[132];
    say("");
    for (;;) {
        int n = cons_read(line, sizeof line);
        line[n] = 0;
        tokenize(line, &q);
        if (q.count == 0) continue;
        int next = subcommand(&q, at_break);
        if (next != STAY) return next;
        say("");
    }
}

int cmd_debug(struct plist *p)
{
    if (p->count > 1) {
        sayf("DMSDBG003E INVALID OPTION '%s'", p->token[1]);
        return 24;
    }
    /* Entered as a command: no program is stopped; the PSW is CMS's. */
    memset(state_regs, 0, sizeof state_regs);
    memset(state_psw, 0, sizeof state_psw);
    u32 here = (u32)cmd_debug;
    state_psw[5] = (u8)(here >> 16);
    state_psw[6] = (u8)(here >> 8);
    state_psw[7] = (u8)here;
    say("DMSDBG728I DEBUG ENTERED.");
    debug_session(0);
    return 0;
}

int debug_program_check(u32 *regs, u8 *psw)
{
    u32 code = (u32)psw[2] << 8 | psw[3];
    u32 at = psw_address(psw) - 2;
    if ((code & 0xFF) != 0x01) return 0;
    int id = -1;
    for (int i = 0; i < BREAKS; i++)
        if (breaks[i].set && breaks[i].address == at) id = i;
    if (id < 0) return 0;
    remove_break(id);                       /* a breakpoint stops once */
    memcpy(state_regs, regs, sizeof state_regs);
    memcpy(state_psw, psw, 8);
    state_psw[2] = state_psw[3] = 0;        /* the interruption code is not the program's */
    state_psw[4] &= 0x3F;                   /* nor the instruction length */
    state_psw[5] = (u8)(at >> 16);
    state_psw[6] = (u8)(at >> 8);
    state_psw[7] = (u8)at;
    say("DMSDBG728I DEBUG ENTERED.");
    sayf("BREAKPOINT %02d AT %06X", id, at);
    if (debug_session(1) == LEAVE) {        /* HX (it said CMS) */
        svc_sp = (u32)__svc_stack_top;
        abend_reset();
        cms_longjmp(command_loop, 2);
    }
    memcpy(regs, state_regs, sizeof state_regs);
    memcpy(psw, state_psw, 8);
    return 1;
}
