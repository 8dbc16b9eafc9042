/* vm67 CMS: attention handling — a line typed while CMS is running.
 *
 * CP keeps the line and gives the console an attention interruption; CMS
 * reads the line at once and acts on the immediate commands of VM/370:
 *   HX  halt execution: back to Ready (CMS says "CMS"). A user program
 *       (or a command it called) ends at once; a nucleus command alone
 *       runs on untyped to its end, its EXECs stopped, so that it gives
 *       back its storage (or ends at its next console read).
 *   HT  halt typing: console output is dropped until RT or the next Ready
 *   RT  resume typing
 *   HI  halt interpretation: the running EXECs end before their next line
 *   SO  suspend tracing (accepted: nothing is traced)
 * Any other line goes onto the console stack for the next console read. */
#ifndef ATTENTION_H
#define ATTENTION_H
#include "cms.h"

/* HT is in effect: console output is not typed. */
extern volatile int attention_typing_halted;
/* HI was typed: EXEC interpretation stops (checked between EXEC lines). */
extern volatile int attention_exec_halt;
/* How many user programs (program.c) are running; 0 after HX or an abend. */
extern u32 user_program_depth;

/* Acts on an attention that arrived (noted by the I/O handler). Called at
 * every console write and EXEC line. */
void attention_poll(void);
/* The same, first taking an interruption pending now (io_window): before
 * a console read, and every few EXEC lines (a loop without I/O). */
void attention_poll_now(void);
/* From the I/O handler (start.S) when a user program was interrupted. */
void attention_interrupt(void);
/* The Ready message ends HT and HI; it says CMS after a deferred HX and
 * then returns 1 (the command's return code no longer counts). */
int attention_ready(void);
/* A deferred HX waits; a console read ends the command at once. */
int attention_halt_pending(void);
void attention_halt_now(void);

/* start.S: enables I/O for one instruction. */
void io_window(void);
/* console.c: one line from the terminal itself (not the console stack). */
int cons_read_terminal(char *buf, int max);

#endif
