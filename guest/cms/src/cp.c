/* vm67 CMS: CP commands through DIAGNOSE X'08', the response coming back
 * in a buffer so CMS can show it (or keep quiet about it). */
#include "cms.h"

#define RESPONSE 8192

static u8 response[RESPONSE];

static void show(const u8 *data, int length)
{
    char line[256];
    int start = 0;
    for (int i = 0; i < length; i++) {
        if (data[i] != 0x15) continue;
        int n = i - start;
        if (n > (int)sizeof line - 1) n = sizeof line - 1;
        from_ebcdic(line, data + start, (size_t)n);
        line[n] = 0;
        say(line);
        start = i + 1;
    }
}

int cp_command_mode(const char *text, int mode)
{
    u8 command[132];
    size_t n = strlen(text);
    while (n && text[n - 1] == ' ') n--;
    while (n && *text == ' ') { text++; n--; }
    if (n > sizeof command) n = sizeof command;
    to_ebcdic(command, text, n);
    u32 rc = 0;
    int length = diag_cp(command, (u32)n, response, RESPONSE, &rc);
    if (mode == CP_SHOW || (mode == CP_SHOW_KNOWN && rc != 1)) show(response, length);
    return (int)rc;
}

int cp_command(const char *text, int quiet)
{
    return cp_command_mode(text, quiet ? CP_QUIET : CP_SHOW);
}
