/* vm67 CMS: running a loaded program. The call saves the nucleus's
 * registers in a frame of its own (so a program may start another through
 * SVC 202), gives the program a save area, and takes its R15 as the return
 * code. SVC 3 (EXIT) ends it from anywhere with a jump back here. When it
 * is over, its GETMAIN storage is given back and the files it left open
 * are closed, as CMS does at the end of a command. */
#include "commands.h"
#include "loader.h"
#include "attention.h"

/* The frame of the innermost program call: R6-R15 of the nucleus. */
u32 *program_frame;

struct run {
    jmpbuf exit;
    u32 svc_sp;
    struct run *outer;
    int rc;
};
static struct run *running;

/* The program runs enabled for I/O, so that an attention (HX, HT, ...)
 * typed while it runs is taken at once (attention.c); user_program_depth
 * tells the handler a program runs. */
static int call(u32 entry, u32 plist, u32 *save_area)
{
    static u8 mask_scratch;
    register u32 r2 __asm__("2") = entry;
    register u32 r3 __asm__("3") = plist;
    register u32 r4 __asm__("4") = (u32)save_area;
    user_program_depth++;
    __asm__ volatile(
        "larl  1,program_frame\n\t"
        "l     1,0(1)\n\t"
        "stm   6,15,0(1)\n\t"
        "lr    15,2\n\t"
        "lr    13,4\n\t"
        "larl  1,%[mask]\n\t"
        "stosm 0(1),0xFE\n\t"
        "lr    1,3\n\t"
        "basr  14,15\n\t"
        "larl  1,%[mask]\n\t"
        "stnsm 0(1),0x00\n\t"
        "lr    2,15\n\t"
        "larl  1,program_frame\n\t"
        "l     1,0(1)\n\t"
        "lm    6,15,0(1)"
        : "+d"(r2), "+d"(r3), "+d"(r4)
        : [mask] "i"(&mask_scratch)
        : "0", "1", "5", "cc", "memory");
    if (user_program_depth) user_program_depth--;
    return (int)r2;
}

int program_run(u32 entry, u32 plist)
{
    u32 frame[10];
    u32 save_area[18];
    struct run run;
    u32 *outer_frame = program_frame;
    memset(save_area, 0, sizeof save_area);
    run.outer = running;
    run.svc_sp = svc_sp;
    running = &run;
    program_frame = frame;
    if (cms_setjmp(run.exit) == 0) run.rc = call(entry, plist, save_area);
    /* Here after the return, or after SVC 3 (with run.rc set). */
    running = run.outer;
    program_frame = outer_frame;
    svc_sp = run.svc_sp;
    if (!running) {
        cms_files_close_all();
        os_storage_reset();
    }
    return run.rc;
}

void program_exit(int rc)
{
    running->rc = rc;
    cms_longjmp(running->exit, 1);
}

int program_active(void) { return running != NULL; }

void program_reset(void)
{
    running = NULL;
    program_frame = NULL;
    cms_files_close_all();
    os_storage_reset();
}

u32 program_heap_start(void)
{
    u32 start = ldr_loaded ? ldr_end : user_area_start();
    return (start + 7) & ~7u;
}
