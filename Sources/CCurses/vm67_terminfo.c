#include "vm67_terminfo.h"
#include <curses.h>
#include <term.h>

void *vm67_terminfo_open(const char *name) {
    TERMINAL *previous = cur_term;
    int error = 0;
    /* fd -1: no tty is involved, we only want the database entry. Passing
       &error keeps setupterm from printing or exiting on an unknown type. */
    if (setupterm((char *)name, -1, &error) != 0) {
        set_curterm(previous);
        return 0;
    }
    TERMINAL *mine = cur_term;
    set_curterm(previous);
    return mine;
}

const char *vm67_terminfo_string(void *entry, const char *capability) {
    TERMINAL *previous = cur_term;
    set_curterm((TERMINAL *)entry);
    char *value = tigetstr((char *)capability);
    set_curterm(previous);
    /* (char *)-1 means "not a string capability"; treat it as absent. */
    return value == (char *)-1 ? 0 : value;
}

int vm67_terminfo_number(void *entry, const char *capability) {
    TERMINAL *previous = cur_term;
    set_curterm((TERMINAL *)entry);
    int value = tigetnum((char *)capability);
    set_curterm(previous);
    return value < 0 ? -1 : value;
}

int vm67_terminfo_flag(void *entry, const char *capability) {
    TERMINAL *previous = cur_term;
    set_curterm((TERMINAL *)entry);
    int value = tigetflag((char *)capability);
    set_curterm(previous);
    return value > 0 ? 1 : 0;
}

void vm67_terminfo_close(void *entry) {
    TERMINAL *previous = cur_term;
    if (previous == (TERMINAL *)entry) previous = 0;
    del_curterm((TERMINAL *)entry);
    set_curterm(previous);
}
