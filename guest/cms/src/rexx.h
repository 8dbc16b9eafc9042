/* vm67 CMS: the REXX interpreter (a subset of the VM/SP System Product
 * Interpreter). An EXEC file whose first line starts with a comment is REXX;
 * exec.c hands it here. */
#ifndef REXX_H
#define REXX_H
#include "disks.h"

/* Set by the console's HI (halt interpretation); the interpreter looks at
 * it between clauses, ends the EXEC with Error 4 and clears it. */
extern volatile int exec_halt_requested;

/* The file (on disk d) starts with a comment: it is a REXX program. */
int rexx_is_rexx(struct adisk *d, const struct fileinfo *f);
/* Runs the REXX EXEC with its argument string; returns its return code
 * (EXIT n, or 20000 + the error number after a syntax error). */
int rexx_exec(struct adisk *d, const struct fileinfo *f, const char *args);

#endif
