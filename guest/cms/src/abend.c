/* vm67 CMS: program checks and SVCs. Neither ever ends the nucleus: a
 * program check shows DMSITP141T and DMSABN148T and goes back to the command
 * loop; an SVC CMS does not provide gives DMSITS136T and does the same. */
#include "commands.h"
#include "loader.h"
#include "debug.h"

jmpbuf command_loop;
static int in_abend;
static int abend_code;

static const char *const exceptions[] = {
    "IMPRECISE", "OPERATION", "PRIVILEGED OPERATION", "EXECUTE", "PROTECTION", "ADDRESSING",
    "SPECIFICATION", "DATA", "FIXED-POINT OVERFLOW", "FIXED-POINT DIVIDE", "DECIMAL OVERFLOW",
    "DECIMAL DIVIDE", "EXPONENT OVERFLOW", "EXPONENT UNDERFLOW", "SIGNIFICANCE",
    "FLOATING-POINT DIVIDE", "SEGMENT TRANSLATION", "PAGE TRANSLATION", "TRANSLATION SPECIFICATION",
    "SPECIAL OPERATION",
};

static u32 psw_address(const u8 *psw) { return (u32)psw[5] << 16 | (u32)psw[6] << 8 | psw[7]; }

/* Back to the command loop; it shows Ready with this return code. */
static void recover(int rc) __attribute__((noreturn));
static void recover(int rc)
{
    abend_code = rc;
    svc_sp = (u32)__svc_stack_top;
    in_abend = 0;
    cms_longjmp(command_loop, 1);
}

int abend_rc(void) { return abend_code; }

void program_check(u32 *regs, u8 *psw)
{
    (void)regs;
    if (!in_abend && debug_program_check(regs, psw)) return;     /* a DEBUG breakpoint */
    u32 code = (u32)psw[2] << 8 | psw[3];
    if (in_abend) disabled_wait(0x0C0000 | code);
    in_abend = 1;
    u32 at = psw_address(psw);
    u32 ilc = psw[4] >> 6;
    u32 failing = at - 2 * ilc;
    const char *name = code < sizeof exceptions / sizeof exceptions[0] ? exceptions[code] : "UNKNOWN";
    const char *routine = *current_command ? current_command : "DMSNUC";
    sayf("DMSITP141T %s EXCEPTION OCCURRED AT %06X IN ROUTINE %s", name, failing & 0xFFFFFF, routine);
    sayf("DMSABN148T SYSTEM ABEND 0C%X CALLED FROM %06X", code & 0xF, at);
    recover(0x0C0 + (int)(code & 0xF));
}

/* An ABEND of the running program (SVC 13, or GETMAIN's): DMSABN148T for
 * a system code, DMSABN155T for a user code, then Ready with the code. */
void abend_program(int user, u32 code, u32 from)
{
    if (user) sayf("DMSABN155T USER ABEND %04d CALLED FROM %06X", code, from & 0xFFFFFF);
    else sayf("DMSABN148T SYSTEM ABEND %03X CALLED FROM %06X", code, from & 0xFFFFFF);
    recover((int)code);
}

/* SVC 202: a nucleus function (TYPLIN, FSREAD ...: cms_functions.c) or
 * the CMS command in the PLIST at R1 (8-byte tokens ended by X'FF's). A
 * DC AL4(error address) after the SVC is honoured. */
static void svc202(u32 *regs, u8 *psw)
{
    static struct plist p;
    static char line[MAXTOKENS * 9 + 1];
    int rc;
    if (cms_function(regs, &rc)) goto done;
    const u8 *token = (const u8 *)(regs[1] & 0xFFFFFF);
    size_t at = 0;
    p.count = 0;
    for (int i = 0; i < MAXTOKENS && token[0] != 0xFF; i++, token += 8) {
        char text[9];
        from_ebcdic(text, token, 8);
        int n = 8;
        while (n && text[n - 1] == ' ') n--;
        text[n] = 0;
        for (int k = 0; k < n; k++) text[k] = (char)toupper((u8)text[k]);
        strcpy(p.token[p.count++], text);
        if (at) line[at++] = ' ';
        memcpy(line + at, text, (size_t)n);
        at += (size_t)n;
    }
    line[at] = 0;
    p.text = line;
    p.args = line;
    for (size_t k = 0; k < at; k++) {
        if (line[k] == ' ') { p.args = line + k + 1; break; }
        if (k + 1 == at) p.args = line + at;
    }
    rc = run_plist(&p);
done:
    regs[15] = (u32)rc;
    u32 next = psw_address(psw);
    const u8 *after = (const u8 *)next;
    if (after[0] == 0) {        /* DC AL4(error) */
        u32 error = (u32)after[1] << 16 | (u32)after[2] << 8 | after[3];
        next = (rc != 0 && error > 1) ? error : next + 4;
        psw[5] = (u8)(next >> 16);
        psw[6] = (u8)(next >> 8);
        psw[7] = (u8)next;
    }
}

void svc_call(int number, u32 *regs, u8 *psw)
{
    number &= 0xFF;
    switch (number) {
    case 202:
        svc202(regs, psw);
        return;
    default:
        if (os_svc(number, regs, psw)) return;
        sayf("DMSITS136T UNSUPPORTED SVC %d (HEX %02X) CALLED FROM %06X", number, number,
             psw_address(psw) - 2);
        recover(256 + number);
    }
}

void abend_reset(void)
{
    in_abend = 0;
    program_reset();
    current_command = "";
}
