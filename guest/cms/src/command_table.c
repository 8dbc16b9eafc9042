/* vm67 CMS: the nucleus commands, with their shortest abbreviations
 * (VM/370 R6 names). */
#include "commands.h"

static const struct command commands[] = {
    { "ACCESS", 2, cmd_access },
    { "COMPARE", 3, cmd_compare },
    { "COPYFILE", 4, cmd_copyfile },
    { "CP", 2, cmd_cp },
    { "DEBUG", 5, cmd_debug },
    { "DISK", 4, cmd_disk },
    { "EDIT", 1, cmd_edit },
    { "ERASE", 2, cmd_erase },
    { "EXEC", 1, cmd_exec },
    { "FORMAT", 6, cmd_format },
    { "GENMOD", 1, cmd_genmod },
    { "HELP", 4, cmd_help },
    { "INCLUDE", 2, cmd_include },
    { "LISTFILE", 1, cmd_listfile },
    { "LOAD", 4, cmd_load },
    { "LOADMOD", 5, cmd_loadmod },
    { "NOTE", 4, cmd_note },
    { "PRINT", 2, cmd_print },
    { "PUNCH", 2, cmd_punch },
    { "QUERY", 1, cmd_query },
    { "RDRLIST", 4, cmd_rdrlist },
    { "READCARD", 4, cmd_readcard },
    { "RECEIVE", 4, cmd_receive },
    { "RELEASE", 3, cmd_release },
    { "RENAME", 3, cmd_rename },
    { "RUN", 3, cmd_run },
    { "SENDFILE", 4, cmd_sendfile },
    { "SET", 3, cmd_set },
    { "SORT", 4, cmd_sort },
    { "START", 5, cmd_start },
    { "STATE", 3, cmd_state },
    { "TELL", 4, cmd_tell },
    { "TYPE", 1, cmd_type },
    { "XEDIT", 1, cmd_xedit },
};

const struct command *command_lookup(const char *word)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (abbrev(word, commands[i].name, commands[i].minimum)) return &commands[i];
    return NULL;
}
