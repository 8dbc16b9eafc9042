/* vm67 CMS: the nucleus commands, with their shortest abbreviations
 * (VM/370 R6 names). */
#include "commands.h"

static const struct command commands[] = {
    { "CP", 2, cmd_cp },
    { "QUERY", 1, cmd_query },
    { "SET", 3, cmd_set },
    { "START", 5, cmd_start },
};

const struct command *command_lookup(const char *word)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (abbrev(word, commands[i].name, commands[i].minimum)) return &commands[i];
    return NULL;
}
