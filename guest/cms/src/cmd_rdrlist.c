/* vm67 CMS: RDRLIST — the files in your virtual reader, one numbered line
 * each (spoolid, origin, class, records, file name and type, date), from
 * CP's QUERY READER ALL; then, in line mode, a line `n RECEIVE [options]`,
 * `n PEEK` or `n DISCARD` acts on the file of line n (CP ORDER puts it
 * first; PEEK types its first cards and keeps it; DISCARD purges it), and
 * a null line ends RDRLIST. */
#include "commands.h"
#include "unitrec.h"

#define MAXFILES 64
#define PEEK_CARDS 20
#define RESPONSE 8192

struct rdrfile { char spoolid[5], origin[9], cls[6], records[6], date[6], time[9], name[9], type[9]; };

static void field(char *out, const char *line, int len, int at, int width)
{
    int n = 0;
    for (int i = at; i < at + width && i < len; i++) out[n++] = line[i];
    while (n && out[n - 1] == ' ') n--;
    out[n] = 0;
    while (out[0] == ' ') memmove(out, out + 1, strlen(out));
}

static int find(const char *line, const char *word)
{
    size_t n = strlen(word);
    for (int i = 0; line[i]; i++)
        if (strncmp(line + i, word, n) == 0) return i;
    return -1;
}

/* CP's QUERY READER ALL, parsed by the columns its heading gives. */
static int reader_files(struct rdrfile *list)
{
    u8 *response = cms_alloc(RESPONSE), command[20];
    if (!response) return 0;
    const char *q = "QUERY READER ALL";
    to_ebcdic(command, q, strlen(q));
    u32 rc = 0;
    int length = diag_cp(command, (u32)strlen(q), response, RESPONSE, &rc);
    int count = 0, name_at = -1, type_at = -1, start = 0;
    for (int i = 0; i < length && count < MAXFILES; i++) {
        if (response[i] != 0x15) continue;
        char line[160];
        int n = i - start < 159 ? i - start : 159;
        from_ebcdic(line, response + start, (size_t)n);
        line[n] = 0;
        start = i + 1;
        if (find(line, "ORIGINID") == 0) {
            name_at = find(line, "NAME");
            type_at = find(line, "TYPE");
            continue;
        }
        if (name_at < 0 || n < 41) continue;
        struct rdrfile *f = &list[count++];
        field(f->origin, line, n, 0, 8);
        field(f->spoolid, line, n, 9, 4);
        field(f->cls, line, n, 14, 5);
        field(f->records, line, n, 20, 5);
        field(f->date, line, n, 35, 5);
        field(f->time, line, n, 41, 8);
        field(f->name, line, n, name_at, 8);
        field(f->type, line, n, type_at, 8);
    }
    cms_free(response);
    return count;
}

static void show_list(struct rdrfile *list, int n)
{
    say("  N SPOOLID ORIGIN   CLASS RECORDS FILENAME FILETYPE DATE  TIME");
    for (int i = 0; i < n; i++)
        sayf("%3d %-7s %-8s %-5s %-7s %-8s %-8s %s %s", i + 1, list[i].spoolid, list[i].origin, list[i].cls,
             list[i].records, list[i].name, list[i].type, list[i].date, list[i].time);
}

/* Types the first cards of the reader's first file (f) and keeps the
 * file (CLOSE HOLD keeps it; CHANGE NOHOLD lets the next read have it). */
static void peek(const struct rdrfile *f)
{
    u8 card[80];
    char text[81];
    u32 records = 0;
    parse_dec(f->records, &records);
    /* Never past the last card: CP ends a reader file read to its end. */
    if (records > PEEK_CARDS) records = PEEK_CARDS;
    for (u32 i = 0; i < records && read_card(card) > 0; i++) {
        from_ebcdic(text, card, 80);
        int n = 80;
        while (n && text[n - 1] == ' ') n--;
        for (int k = 0; k < n; k++)
            if ((u8)text[k] < 0x20) text[k] = '.';       /* binary (STREAM decks) shows as dots */
        cons_write(text, (size_t)n);
    }
    cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
    cpf(CP_QUIET, "CHANGE READER %s NOHOLD", f->spoolid);
}

int cmd_rdrlist(struct plist *p)
{
    if (p->count > 1) {
        sayf("DMSRDL003E INVALID OPTION '%s'", p->token[1]);
        return 24;
    }
    if (!have_device(READER)) {
        say("DMSRDL008E DEVICE 00C (READER) NOT ATTACHED");
        return 100;
    }
    struct rdrfile *list = cms_alloc(MAXFILES * sizeof *list);
    if (!list) return 104;
    int n = reader_files(list);
    if (n == 0) {
        cms_free(list);
        say("DMSRDL042E NO FILES IN YOUR READER");
        return 28;
    }
    show_list(list, n);
    say("DMSRDL601R ENTER n RECEIVE, n PEEK OR n DISCARD; A NULL LINE ENDS RDRLIST:");
    char line[132];
    int rc = 0;
    static struct plist q;
    while (cons_read(line, sizeof line) > 0) {
        tokenize(line, &q);
        if (q.count == 0) break;
        u32 k;
        if (q.count < 2 || !parse_dec(q.token[0], &k) || k < 1 || k > (u32)n) {
            sayf("DMSRDL026E INVALID PARAMETER '%s' FOR 'RDRLIST' FUNCTION", q.token[0]);
            rc = 24;
            continue;
        }
        const char *id = list[k - 1].spoolid;
        if (abbrev(q.token[1], "RECEIVE", 4) || abbrev(q.token[1], "PEEK", 1)) {
            cpf(CP_QUIET, "ORDER READER %s", id);
            if (q.token[1][0] == 'P') {
                peek(&list[k - 1]);
                rc = 0;
            } else {
                /* RECEIVE with the rest of the line: a file name, options. */
                const char *rest = q.args;
                while (*rest && *rest != ' ') rest++;
                char command[140];
                format(command, sizeof command, "RECEIVE%s", rest);
                rc = run_command(command);
            }
        } else if (abbrev(q.token[1], "DISCARD", 2)) {
            rc = cpf(CP_SHOW, "PURGE READER %s", id);
        } else {
            sayf("DMSRDL026E INVALID PARAMETER '%s' FOR 'RDRLIST' FUNCTION", q.token[1]);
            rc = 24;
        }
    }
    cms_free(list);
    return rc;
}
