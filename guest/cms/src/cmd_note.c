/* vm67 CMS: NOTE userid [userid ...] — a note to other users, in line
 * mode. NOTE asks for the text; a null line or a line with just `.` ends
 * it. The note gets the header
 *     Date: 22 Nov 26  14:03:22
 *     From: ALICE    at VM67
 *     To:   BOB      at VM67
 * and a blank line, and is sent as SENDFILE sends (punched to each user's
 * reader, named `userid NOTE` after the sender), so that RECEIVE files it
 * as `ALICE NOTE A1`. */
#include "commands.h"
#include "unitrec.h"

#define MAXLINES 200
#define MAXTO 8
#define WIDTH 80

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* This user's userid and the system's name, from CP QUERY USERID (`ALICE AT VM67`). */
static void who(char *userid, char *node)
{
    static u8 response[256];
    u8 command[16];
    to_ebcdic(command, "QUERY USERID", 12);
    u32 rc;
    int n = diag_cp(command, 12, response, sizeof response, &rc);
    char text[257];
    if (n < 0) n = 0;
    for (int i = 0; i < n; i++)
        if (response[i] == 0x15) n = i;     /* the first line */
    from_ebcdic(text, response, (size_t)n);
    text[n] = 0;
    static struct plist q;
    tokenize(text, &q);
    strcpy(userid, q.count > 0 ? q.token[0] : "?");
    strcpy(node, q.count > 2 ? q.token[2] : "VM67");
}

static void card(const char *text)
{
    u8 e[WIDTH];
    memset(e, 0x40, WIDTH);
    size_t n = strlen(text);
    to_ebcdic(e, text, n > WIDTH ? WIDTH : n);
    unit_write(PUNCH, 0x01, e, WIDTH);
}

int cmd_note(struct plist *p)
{
    char to[MAXTO][9];
    int nto = 0;
    for (int i = 1; i < p->count; i++) {
        if (p->token[i][0] == '(' ) {
            if (i + 1 < p->count) {
                sayf("DMSNOT003E INVALID OPTION '%s'", p->token[i + 1]);
                return 24;
            }
            break;
        }
        if (nto == MAXTO) {
            say("DMSNOT039E TOO MANY USERIDS SPECIFIED");
            return 24;
        }
        strcpy(to[nto++], p->token[i]);
    }
    if (nto == 0) {
        say("DMSNOT045E NO USERID SPECIFIED");
        return 24;
    }
    if (!have_device(PUNCH)) {
        say("DMSNOT008E DEVICE 00D (PUNCH) NOT ATTACHED");
        return 100;
    }
    char (*lines)[WIDTH + 1] = cms_alloc(MAXLINES * (WIDTH + 1));
    if (!lines) return 104;
    say("DMSNOT602R ENTER THE NOTE; A NULL LINE OR '.' ENDS IT:");
    int n = 0;
    char line[132];
    while (n < MAXLINES) {
        int len = cons_read(line, sizeof line);
        while (len && line[len - 1] == ' ') line[--len] = 0;
        if (len == 0 || strcmp(line, ".") == 0) break;
        line[WIDTH] = 0;
        strcpy(lines[n++], line);
    }
    if (n == 0) {
        cms_free(lines);
        say("DMSNOT606I NOTE NOT SENT: IT IS EMPTY");
        return 4;
    }
    char me[9], node[9];
    who(me, node);
    struct timer_info t;
    diag_timer(&t);         /* MM/DD/YY HH:MM:SS */
    u32 month = (u32)(t.date[0] - '0') * 10 + (u32)(t.date[1] - '0');
    char header[3][WIDTH + 1];
    format(header[0], sizeof header[0], "Date: %c%c %s %c%c  %s", t.date[3], t.date[4],
           month >= 1 && month <= 12 ? months[month - 1] : "???", t.date[6], t.date[7], t.time);
    format(header[1], sizeof header[1], "From: %-8s at %s", me, node);
    int rc = 0;
    for (int u = 0; u < nto; u++) {
        format(header[2], sizeof header[2], "To:   %-8s at %s", to[u], node);
        int cp = cpf(CP_SHOW, "SPOOL PUNCH TO %s", to[u]);
        if (cp) { rc = cp; continue; }
        char head[WIDTH + 1];
        format(head, sizeof head, ":READ  %-8s NOTE     A1 V %5u", me, (u32)WIDTH);
        card(head);
        for (int k = 0; k < 3; k++) card(header[k]);
        card("");
        for (int k = 0; k < n; k++) card(lines[k]);
        cpf(CP_SHOW, "CLOSE %03X", PUNCH);
        cpf(CP_QUIET, "SPOOL PUNCH OFF");
        sayf("DMSNOT711I NOTE '%s NOTE' SENT TO %s", me, to[u]);
    }
    cms_free(lines);
    return rc;
}
