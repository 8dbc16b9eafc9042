/* vm67 CMS: the unit record devices and mail between users.
 *
 *   PRINT fn ft [fm]                    to the virtual printer (00E)
 *   PUNCH fn ft [fm] [(HEADER|NOHEADER] to the virtual punch (00D)
 *   READCARD fn ft [fm] | READCARD *    the next reader file (00C) to disk
 *   SENDFILE fn ft [fm] [TO] userid     punched to the user's reader
 *   RECEIVE [fn [ft [fm]]] [(REPLACE]   the next reader file to disk
 *   TELL userid text                    CP MSG
 *
 * PUNCH's header card (the default) names the file so that READCARD * and
 * RECEIVE can recreate it: `:READ  fn ft fm recfm lrecl`. Each record is
 * one card (a V record longer than 80 bytes is cut there). SENDFILE sends
 * the file exactly, whatever its records: its header card says
 * `:READ  fn ft fm recfm lrecl STREAM records`, and the cards that follow
 * hold the records end to end (V records with a halfword length first),
 * the last card padded with zeros. CP's CLOSE ends the spool file. Cards are read by SIO (READ X'02'); an empty reader gives
 * unit check (intervention required), the end of a file unit exception. */
#include "commands.h"
#include "disks.h"
#include "unitrec.h"

int have_device(u32 vaddr)
{
    u32 v, r;
    return diag_device_type(vaddr, &v, &r) == 0;
}

int cpf(int mode, const char *fmt, ...)
{
    char text[160];
    va_list ap;
    va_start(ap, fmt);
    vformat(text, sizeof text, fmt, ap);
    va_end(ap);
    return cp_command_mode(text, mode);
}

/* One record to a unit record device: 0 or -1. */
int unit_write(u32 vaddr, u8 command, const u8 *data, u32 n)
{
    static struct ccw ccw;
    static u8 buf[160] __attribute__((aligned(8)));
    if (n > sizeof buf) n = sizeof buf;
    if (n == 0) { buf[0] = 0x40; n = 1; }
    else memcpy(buf, data, n);
    ccw_set(&ccw, command, buf, CCW_SILI, (u16)n);
    struct csw csw;
    if (io_run(vaddr, &ccw, &csw) != 0) return -1;
    return csw.unit & UNIT_CHECK ? -1 : 0;
}

/* Parses fn ft [fm] at token 1; says why not and returns 0, or the file's disk. */
static struct adisk *source_file(struct plist *p, const char *module, struct fileid *id, struct fileinfo *f,
                                 int *used)
{
    *used = fileid_parse(p, 1, '*', id);
    if (!*used) {
        sayf("DMS%s054E INCOMPLETE FILEID SPECIFIED", module);
        return NULL;
    }
    struct adisk *d = file_locate(id, f);
    if (!d) {
        char name[32];
        fileid_text(name, id);
        sayf("DMS%s002E FILE '%s' NOT FOUND", module, name);
    }
    return d;
}

#define NO_HEADER 0
#define HEADER 1
#define STREAM 2

/* Stream punching: bytes into cards. */
struct cards { u8 card[80]; u32 fill; int error; };

static void stream_put(struct cards *c, const u8 *data, u32 n)
{
    while (n && !c->error) {
        u32 part = 80 - c->fill;
        if (part > n) part = n;
        memcpy(c->card + c->fill, data, part);
        c->fill += part;
        data += part;
        n -= part;
        if (c->fill == 80) {
            if (unit_write(PUNCH, 0x01, c->card, 80)) c->error = 1;
            c->fill = 0;
        }
    }
}

/* Sends a file's records to the printer or punch; 0, or a return code. */
static int spool_file(struct adisk *d, struct fileinfo *f, u32 vaddr, int header, const char *module)
{
    struct reader *r = cms_alloc(sizeof *r);
    const u32 max = header == STREAM ? 65536 : 256;
    u8 *rec = cms_alloc(max);
    static struct cards stream;
    memset(&stream, 0, sizeof stream);
    int rc = r && rec ? fs_open(&d->fs, f->fname, f->ftype, r) : FS_NOMEMORY;
    if (!rc && header) {
        char card[96];
        format(card, sizeof card, ":READ  %-8s %-8s %c%c %c %5u", f->fname, f->ftype, d->mode, f->fmode_digit,
               f->recfm, f->lrecl);
        if (header == STREAM) format(card + strlen(card), 32, " STREAM %u", f->items);
        u8 e[80];
        memset(e, 0x40, 80);
        to_ebcdic(e, card, strlen(card));
        if (unit_write(vaddr, 0x01, e, 80)) rc = -1;
    }
    int len;
    while (!rc && (len = fs_read(r, rec, max)) >= 0) {
        u32 n = (u32)len > max ? max : (u32)len;
        if (header == STREAM) {
            u8 length[2] = { (u8)(n >> 8), (u8)n };
            if (f->recfm == 'V') stream_put(&stream, length, 2);
            stream_put(&stream, rec, n);
            if (stream.error) rc = -1;
        } else if (vaddr == PUNCH) {
            u8 card[80];
            memset(card, 0x40, 80);
            memcpy(card, rec, n > 80 ? 80 : n);
            if (unit_write(vaddr, 0x01, card, 80)) rc = -1;
        } else {
            if (unit_write(vaddr, 0x09, rec, n > 132 ? 132 : n)) rc = -1;
        }
    }
    if (!rc && header == STREAM && stream.fill) {
        memset(stream.card + stream.fill, 0, 80 - stream.fill);
        if (unit_write(PUNCH, 0x01, stream.card, 80)) rc = -1;
    }
    if (r) fs_close(r);
    cms_free(rec);
    cms_free(r);
    if (rc) {
        cpf(CP_QUIET, "CLOSE %03X PURGE", vaddr);
        if (rc == -1) sayf("DMS%s105S ERROR WRITING TO DEVICE %03X", module, vaddr);
        else sayf("DMS%s104S ERROR %d READING FILE '%s %s %c'", module, rc, f->fname, f->ftype, d->mode);
        return 100;
    }
    cpf(CP_SHOW, "CLOSE %03X", vaddr);        /* CP names a file sent to a user */
    return 0;
}

int cmd_print(struct plist *p)
{
    struct fileid id;
    struct fileinfo f;
    int used;
    struct adisk *d = source_file(p, "PRT", &id, &f, &used);
    if (!d) return used ? 28 : 24;
    if (!have_device(PRINTER)) {
        say("DMSPRT008E DEVICE 00E (PRINTER) NOT ATTACHED");
        return 100;
    }
    return spool_file(d, &f, PRINTER, 0, "PRT");
}

int cmd_punch(struct plist *p)
{
    struct fileid id;
    struct fileinfo f;
    int used;
    struct adisk *d = source_file(p, "PUN", &id, &f, &used);
    if (!d) return used ? 28 : 24;
    int header = 1;
    for (int i = 1 + used; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "HEADER", 3)) header = 1;
        else if (abbrev(w, "NOHEADER", 3)) header = 0;
        else {
            sayf("DMSPUN003E INVALID OPTION '%s'", w);
            return 24;
        }
    }
    if (!have_device(PUNCH)) {
        say("DMSPUN008E DEVICE 00D (PUNCH) NOT ATTACHED");
        return 100;
    }
    return spool_file(d, &f, PUNCH, header ? HEADER : NO_HEADER, "PUN");
}

/* A word that cannot be a file mode (a letter and perhaps a digit). */
static int not_a_mode(const char *w)
{
    if (strcmp(w, "TO") == 0 || strlen(w) > 2 || w[0] < 'A' || w[0] > 'Z') return 1;
    return w[1] && !isdigit((u8)w[1]);
}

int cmd_sendfile(struct plist *p)
{
    struct fileid id;
    struct fileinfo f;
    int used;
    /* SENDFILE fn ft userid: the third word is the userid, not a mode. */
    struct plist *q = p;
    static struct plist shorter;
    if (p->count >= 4 && p->count < MAXTOKENS && p->token[3][0] != '(' && not_a_mode(p->token[3])) {
        shorter = *p;
        for (int k = shorter.count; k > 3; k--) strcpy(shorter.token[k], shorter.token[k - 1]);
        strcpy(shorter.token[3], "*");
        shorter.count++;
        q = &shorter;
    }
    p = q;
    struct adisk *d = source_file(p, "SND", &id, &f, &used);
    if (!d) return used ? 28 : 24;
    int i = 1 + used;
    if (i < p->count && strcmp(p->token[i], "TO") == 0) i++;
    if (i >= p->count || p->token[i][0] == '(') {
        say("DMSSND045E NO USERID SPECIFIED");
        return 24;
    }
    const char *user = p->token[i];
    if (!have_device(PUNCH)) {
        say("DMSSND008E DEVICE 00D (PUNCH) NOT ATTACHED");
        return 100;
    }
    int rc = cpf(CP_SHOW, "SPOOL PUNCH TO %s", user);
    if (rc) return rc;
    rc = spool_file(d, &f, PUNCH, STREAM, "SND");
    cpf(CP_QUIET, "SPOOL PUNCH OFF");
    if (!rc) sayf("DMSSND711I FILE '%s %s %c%c' SENT TO %s", f.fname, f.ftype, d->mode, f.fmode_digit, user);
    return rc;
}

int cmd_tell(struct plist *p)
{
    if (p->count < 2) {
        say("DMSTEL045E NO USERID SPECIFIED");
        return 24;
    }
    const char *text = p->args;
    while (*text && *text != ' ') text++;
    while (*text == ' ') text++;
    return cpf(CP_SHOW, "MSG %s %s", p->token[1], text);
}

/* ---- reading decks ---- */

/* Reads one card: 1 a card, 0 the end of the file, -1 an empty reader. */
int read_card(u8 *card)
{
    static struct ccw ccw;
    static u8 buf[80] __attribute__((aligned(8)));
    struct csw csw;
    memset(buf, 0x40, 80);
    ccw_set(&ccw, 0x02, buf, CCW_SILI, 80);
    if (io_run(READER, &ccw, &csw) != 0) return -1;
    if (csw.unit & UNIT_CHECK) return -1;
    if (csw.unit & UNIT_EXCEPTION) return 0;
    memcpy(card, buf, 80);
    return 1;
}

/* Takes the words of a header card into the fields; *records is the
 * number of records of a STREAM deck, or -1. */
static int header_of(const u8 *card, char *fn, char *ft, char *fm, char *recfm, u32 *lrecl, i32 *records)
{
    char text[81], *w[8];
    *records = -1;
    from_ebcdic(text, card, 80);
    text[80] = 0;
    if (strncmp(text, ":READ", 5) != 0) return 0;
    int n = 0;
    char *s = text + 5;
    while (*s && n < 8) {
        while (*s == ' ') *s++ = 0;
        if (!*s) break;
        w[n++] = s;
        while (*s && *s != ' ') s++;
    }
    while (*s == ' ') *s++ = 0;
    if (n < 2) return 0;
    strcpy(fn, strlen(w[0]) <= 8 ? w[0] : "CARD");
    strcpy(ft, strlen(w[1]) <= 8 ? w[1] : "FILE");
    strcpy(fm, n > 2 && strlen(w[2]) <= 2 ? w[2] : "A1");
    *recfm = n > 3 && (w[3][0] == 'V' || w[3][0] == 'F') ? w[3][0] : 'F';
    if (n <= 4 || !parse_dec(w[4], lrecl) || *lrecl == 0) *lrecl = 80;
    u32 count;
    if (n > 6 && strcmp(w[5], "STREAM") == 0 && parse_dec(w[6], &count)) *records = (i32)count;
    return 1;
}

/* A STREAM deck's records (the first card is in `card`). */
static int read_stream(struct writer *w, u8 *card, int *got, char recfm, u32 lrecl, i32 records)
{
    u8 *rec = cms_alloc(65536);
    if (!rec) return FS_NOMEMORY;
    u32 pos = 0;
    int rc = 0;
    for (i32 k = 0; k < records && !rc; k++) {
        u32 length = lrecl, have = 0;
        u8 len[2];
        for (u32 step = recfm == 'V' ? 0 : 1; step < 2; step++) {
            u8 *into = step == 0 ? len : rec;
            u32 want = step == 0 ? 2 : length;
            if (want > 65536) want = 65536;
            for (have = 0; have < want;) {
                if (pos == 80) {
                    *got = read_card(card);
                    pos = 0;
                }
                if (*got <= 0) { rc = FS_BADFILE; break; }
                u32 part = 80 - pos < want - have ? 80 - pos : want - have;
                memcpy(into + have, card + pos, part);
                have += part;
                pos += part;
            }
            if (rc) break;
            if (step == 0) length = (u32)len[0] << 8 | len[1];
        }
        if (!rc) rc = fs_write(w, rec, length > 65536 ? 65536 : length);
    }
    cms_free(rec);
    if (*got > 0) *got = read_card(card);
    return rc;
}

/* READCARD and RECEIVE: the next reader file onto a disk. */
static int read_deck(struct plist *p, const char *module, int receive)
{
    struct fileid id;
    memset(&id, 0, sizeof id);
    int replace = !receive, i = 1, named = 0;
    if (p->count > 1 && strcmp(p->token[1], "*") == 0 && (p->count == 2 || p->token[2][0] == '(')) {
        i = 2;
    } else if (p->count > 1 && p->token[1][0] != '(') {
        int used = fileid_parse(p, 1, 'A', &id);
        if (!used) {
            sayf("DMS%s054E INCOMPLETE FILEID SPECIFIED", module);
            return 24;
        }
        named = strcmp(id.fn, "*") != 0 && strcmp(id.ft, "*") != 0;
        i = 1 + used;
    }
    for (; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "REPLACE", 3)) replace = 1;
        else {
            sayf("DMS%s003E INVALID OPTION '%s'", module, w);
            return 24;
        }
    }
    if (!have_device(READER)) {
        sayf("DMS%s008E DEVICE 00C (READER) NOT ATTACHED", module);
        return 100;
    }
    u8 card[80];
    int got = read_card(card);
    if (got < 0) {
        sayf("DMS%s205W READER EMPTY OR NOT READY", module);
        return 8;
    }
    char fn[9] = "", ft[9] = "", fm[3] = "A1", recfm = 'F';
    u32 lrecl = 80;
    i32 records;
    int header = got > 0 && header_of(card, fn, ft, fm, &recfm, &lrecl, &records);
    if (!header) records = -1;
    if (named) {
        strcpy(fn, id.fn);
        strcpy(ft, id.ft);
    }
    if (!fn[0]) {
        sayf("DMS%s054E INCOMPLETE FILEID SPECIFIED (NO :READ CARD)", module);
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        return 24;
    }
    char mode = id.mode && id.mode != '*' ? id.mode : (receive ? 'A' : fm[0]);
    char digit = id.digit ? id.digit : (fm[1] ? fm[1] : '1');
    struct adisk *d = disk_at(mode);
    if (!d) {
        sayf("DMS%s069E DISK '%c' NOT ACCESSED", module, mode);
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        return 36;
    }
    if (disk_readonly_message(module, d)) {
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        return 36;
    }
    struct fileinfo old;
    if (!replace && fs_find(&d->fs, fn, ft, &old)) {
        sayf("DMS%s024E FILE '%s %s %c' ALREADY EXISTS -- SPECIFY 'REPLACE'", module, fn, ft, mode);
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        return 28;
    }
    static struct writer w;
    int rc = fs_create(&d->fs, fn, ft, digit, recfm, lrecl, &w);
    if (header && got > 0) got = read_card(card);
    if (records >= 0) {
        rc = read_stream(&w, card, &got, recfm, lrecl, records);
        while (got > 0) got = read_card(card);      /* the rest of the deck */
    }
    while (!rc && got > 0 && records < 0) {
        u32 n = 80;
        if (recfm == 'V') while (n > 1 && card[n - 1] == 0x40) n--;
        if (n > lrecl) n = lrecl;
        rc = fs_write(&w, card, n);
        if (!rc) got = read_card(card);
    }
    cpf(CP_QUIET, "CLOSE %03X", READER);
    if (!rc && w.items == 0) {
        fs_abandon(&w);
        sayf("DMS%s206W READER FILE IS EMPTY", module);
        return 8;
    }
    if (!rc) rc = fs_commit(&w);
    else fs_abandon(&w);
    if (rc) {
        if (rc == FS_FULL) sayf("DMS%s105S DISK '%c' IS FULL", module, mode);
        else sayf("DMS%s104S ERROR %d WRITING FILE '%s %s %c'", module, rc, fn, ft, mode);
        return 100;
    }
    if (receive) sayf("DMSRCV712I FILE '%s %s %c%c' RECEIVED", fn, ft, mode, digit);
    return 0;
}

int cmd_readcard(struct plist *p)
{
    if (p->count < 2) {
        say("DMSRDC054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    return read_deck(p, "RDC", 0);
}

int cmd_receive(struct plist *p) { return read_deck(p, "RCV", 1); }
