/* vm67 CMS: the nucleus command table. */
#ifndef COMMANDS_H
#define COMMANDS_H
#include "cms.h"

struct command {
    const char *name;
    int minimum;                        /* shortest abbreviation */
    int (*run)(struct plist *p);
};

const struct command *command_lookup(const char *word);
extern const char *current_command;

int cmd_cp(struct plist *p);
int cmd_query(struct plist *p);
int cmd_set(struct plist *p);
int cmd_start(struct plist *p);

#endif
