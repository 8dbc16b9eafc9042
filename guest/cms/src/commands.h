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
int cmd_access(struct plist *p);
int cmd_release(struct plist *p);
int cmd_listfile(struct plist *p);
int cmd_state(struct plist *p);
int cmd_type(struct plist *p);
int cmd_erase(struct plist *p);
int cmd_rename(struct plist *p);
int cmd_copyfile(struct plist *p);
int cmd_format(struct plist *p);
int cmd_exec(struct plist *p);
int cmd_help(struct plist *p);
int cmd_print(struct plist *p);
int cmd_punch(struct plist *p);
int cmd_readcard(struct plist *p);
int cmd_sendfile(struct plist *p);
int cmd_receive(struct plist *p);
int cmd_tell(struct plist *p);
int cmd_compare(struct plist *p);
int cmd_sort(struct plist *p);
int cmd_disk(struct plist *p);
int cmd_note(struct plist *p);
int cmd_rdrlist(struct plist *p);
int cmd_debug(struct plist *p);
int cmd_edit(struct plist *p);
int cmd_xedit(struct plist *p);
int cmd_load(struct plist *p);
int cmd_include(struct plist *p);
int cmd_genmod(struct plist *p);
int cmd_loadmod(struct plist *p);
int cmd_run(struct plist *p);

#endif
