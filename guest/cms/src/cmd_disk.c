/* vm67 CMS: DISK DUMP fn ft [fm] and DISK LOAD — a file as a card deck in
 * CMS disk dump format, to the virtual punch and back from the reader.
 *
 * The deck (80-column cards, EBCDIC):
 *   data cards  col 1 X'02', cols 2-4 'CMS', col 5 blank, cols 6-55 the
 *               next 50 bytes of the file as it lies on disk (F records end
 *               to end; V records each a halfword length and the data),
 *               cols 73-80 the card's sequence number
 *   last card   X'02' 'CMS' 'N', then the file's directory entry: cols 6-13
 *               fn, 14-21 ft, 22-23 fm, 24 recfm, 25-28 lrecl, 29-32 the
 *               number of records, 33-36 the number of data bytes (binary)
 * DISK LOAD writes the file of the next reader file onto the A-disk under
 * its name (an existing file of that name is replaced) and says
 * DMSDSK... only when it cannot. */
#include "commands.h"
#include "disks.h"
#include "unitrec.h"

#define DATA_PER_CARD 50
#define MAX_LOAD (96 * 1024)

static const u8 card_id[4] = { 0x02, 0xC3, 0xD4, 0xE2 };     /* X'02' CMS */

struct deck { u8 card[80]; u32 fill, cards; int error; };

static void deck_card(struct deck *k, u8 flag)
{
    memcpy(k->card, card_id, 4);
    k->card[4] = flag;
    if (flag == 0x40) {
        char seq[9];
        format(seq, sizeof seq, "%08u", ++k->cards);
        to_ebcdic(k->card + 72, seq, 8);
    }
    if (unit_write(PUNCH, 0x01, k->card, 80)) k->error = 1;
    memset(k->card, 0x40, 80);
    k->fill = 0;
}

static void deck_put(struct deck *k, const u8 *data, u32 n)
{
    while (n && !k->error) {
        u32 part = DATA_PER_CARD - k->fill;
        if (part > n) part = n;
        memcpy(k->card + 5 + k->fill, data, part);
        k->fill += part;
        data += part;
        n -= part;
        if (k->fill == DATA_PER_CARD) deck_card(k, 0x40);
    }
}

static int disk_dump(struct plist *p)
{
    struct fileid id;
    int used = fileid_parse(p, 2, '*', &id);
    if (!used) {
        say("DMSDSK054E INCOMPLETE FILEID SPECIFIED");
        return 24;
    }
    if (p->count > 2 + used) {
        sayf("DMSDSK003E INVALID OPTION '%s'", p->token[2 + used]);
        return 24;
    }
    struct fileinfo f;
    struct adisk *d = file_locate(&id, &f);
    if (!d) {
        char name[32];
        fileid_text(name, &id);
        sayf("DMSDSK002E FILE '%s' NOT FOUND", name);
        return 28;
    }
    if (!have_device(PUNCH)) {
        say("DMSDSK008E DEVICE 00D (PUNCH) NOT ATTACHED");
        return 100;
    }
    struct reader *r = cms_alloc(sizeof *r);
    u8 *rec = cms_alloc(f.lrecl + 1);
    static struct deck k;
    memset(&k, 0, sizeof k);
    memset(k.card, 0x40, 80);
    int rc = r && rec ? fs_open(&d->fs, f.fname, f.ftype, r) : FS_NOMEMORY;
    u32 bytes = 0, items = 0;
    if (!rc) {
        int len;
        while (!k.error && (len = fs_read(r, rec, f.lrecl + 1)) >= 0) {
            if (f.recfm == 'V') {
                u8 length[2] = { (u8)(len >> 8), (u8)len };
                deck_put(&k, length, 2);
                bytes += 2;
            }
            deck_put(&k, rec, (u32)len);
            bytes += (u32)len;
            items++;
        }
        fs_close(r);
        if (k.fill) deck_card(&k, 0x40);
        /* The last card: the directory entry. */
        char text[24];
        format(text, sizeof text, "%-8s%-8s%c%c%c", f.fname, f.ftype, d->mode, f.fmode_digit, f.recfm);
        memcpy(k.card, card_id, 4);
        to_ebcdic(k.card + 5, text, 19);
        put32(k.card + 24, f.lrecl);
        put32(k.card + 28, items);
        put32(k.card + 32, bytes);
        deck_card(&k, 0xD5);                    /* 'N' */
        if (k.error) rc = -1;
    }
    cms_free(rec);
    cms_free(r);
    if (rc) {
        cpf(CP_QUIET, "CLOSE %03X PURGE", PUNCH);
        if (rc == -1) say("DMSDSK105S ERROR WRITING TO DEVICE 00D");
        else sayf("DMSDSK104S ERROR %d READING FILE '%s %s %c' FROM DISK", rc, f.fname, f.ftype, d->mode);
        return 100;
    }
    cpf(CP_SHOW, "CLOSE %03X", PUNCH);
    return 0;
}

/* The records of a loaded file's bytes onto the writer. */
static int write_records(struct writer *w, const u8 *data, u32 bytes, char recfm, u32 lrecl, u32 items)
{
    u32 at = 0;
    for (u32 i = 0; i < items; i++) {
        u32 len = lrecl;
        if (recfm == 'V') {
            if (at + 2 > bytes) return FS_BADFILE;
            len = get16(data + at);
            at += 2;
        }
        if (at + len > bytes) return FS_BADFILE;
        int rc = fs_write(w, data + at, len);
        if (rc) return rc;
        at += len;
    }
    return FS_OK;
}

static int disk_load(struct plist *p)
{
    if (p->count > 2) {
        sayf("DMSDSK003E INVALID OPTION '%s'", p->token[2]);
        return 24;
    }
    if (!have_device(READER)) {
        say("DMSDSK008E DEVICE 00C (READER) NOT ATTACHED");
        return 100;
    }
    struct adisk *d = disk_at('A');
    if (!d) {
        say("DMSDSK069E DISK 'A' NOT ACCESSED");
        return 36;
    }
    if (disk_readonly_message("DSK", d)) return 36;
    u8 card[80];
    int got = read_card(card);
    if (got < 0) {
        say("DMSDSK205W READER EMPTY OR NOT READY");
        return 8;
    }
    u8 *data = cms_alloc(MAX_LOAD);
    if (!data) {
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        say("DMSDSK109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    u32 fill = 0;
    int last = 0, bad = 0;
    for (; got > 0; got = read_card(card)) {
        if (memcmp(card, card_id, 4) != 0) { bad = 1; break; }
        if (card[4] == 0xD5) { last = 1; break; }
        if (fill + DATA_PER_CARD > MAX_LOAD) { bad = 2; break; }
        memcpy(data + fill, card + 5, DATA_PER_CARD);
        fill += DATA_PER_CARD;
    }
    if (bad || !last) {
        cms_free(data);
        cpf(CP_QUIET, "CLOSE %03X HOLD", READER);
        if (bad == 2) {
            say("DMSDSK109S VIRTUAL STORAGE CAPACITY EXCEEDED");
            return 104;
        }
        say("DMSDSK078E INVALID CARD IN READER FILE");
        return 32;
    }
    while (got > 0) got = read_card(card);     /* the rest of the deck */
    cpf(CP_QUIET, "CLOSE %03X", READER);
    char text[20], fn[9], ft[9];
    from_ebcdic(text, card + 5, 19);
    memcpy(fn, text, 8);
    memcpy(ft, text + 8, 8);
    fn[8] = ft[8] = 0;
    for (int i = 7; i >= 0 && fn[i] == ' '; i--) fn[i] = 0;
    for (int i = 7; i >= 0 && ft[i] == ' '; i--) ft[i] = 0;
    char digit = isdigit((u8)text[17]) ? text[17] : '1', recfm = text[18] == 'V' ? 'V' : 'F';
    u32 lrecl = get32(card + 24), items = get32(card + 28), bytes = get32(card + 32);
    static struct writer w;
    int rc = bytes <= fill && fn[0] && ft[0] ? fs_create(&d->fs, fn, ft, digit, recfm, lrecl, &w) : FS_BADFILE;
    if (!rc) {
        rc = write_records(&w, data, bytes, recfm, lrecl, items);
        if (!rc) rc = fs_commit(&w);
        else fs_abandon(&w);
    }
    cms_free(data);
    if (rc == FS_BADFILE) {
        say("DMSDSK078E INVALID CARD IN READER FILE");
        return 32;
    }
    if (rc) {
        if (rc == FS_FULL) say("DMSDSK105S DISK 'A' IS FULL");
        else sayf("DMSDSK105S ERROR %d WRITING FILE '%s %s A' ON DISK", rc, fn, ft);
        return 100;
    }
    sayf("%s %s A%c", fn, ft, digit);
    return 0;
}

int cmd_disk(struct plist *p)
{
    if (p->count < 2) {
        say("DMSDSK047E NO FUNCTION SPECIFIED");
        return 24;
    }
    if (strcmp(p->token[1], "DUMP") == 0) return disk_dump(p);
    if (strcmp(p->token[1], "LOAD") == 0) return disk_load(p);
    sayf("DMSDSK014E INVALID FUNCTION '%s'", p->token[1]);
    return 24;
}
