/* vm67 CMS: the DEBUG environment's hook for breakpoints (cmd_debug.c). */
#ifndef DEBUG_H
#define DEBUG_H
#include "cms.h"

/* From program_check: when the program check is a DEBUG breakpoint, the
 * DEBUG environment runs (with the program's registers and PSW, which GO
 * gives back changed or not) and this returns 1: resume the program. */
int debug_program_check(u32 *regs, u8 *psw);

#endif
