#ifndef VM67_TERMINFO_H
#define VM67_TERMINFO_H

/*
 * A thin, handle-based view of ncurses' terminfo layer. ncurses keeps the
 * "current terminal" in a process-wide variable (cur_term); every function
 * here selects the given entry, reads from it and puts the previous one back,
 * so a curses screen elsewhere in the process (the operator console) keeps
 * its own. The caller serialises all calls (one lock for the process).
 */

/* Loads the entry for a terminal type; NULL when the database has none. */
void *vm67_terminfo_open(const char *name);

/* A string capability (escape codes, padding included) or NULL if absent. */
const char *vm67_terminfo_string(void *entry, const char *capability);

/* A numeric capability, or -1 if absent. */
int vm67_terminfo_number(void *entry, const char *capability);

/* A boolean capability: 1 present, 0 absent. */
int vm67_terminfo_flag(void *entry, const char *capability);

void vm67_terminfo_close(void *entry);

#endif
