/* vm67 CMS: FORMAT vaddr mode [cylinders] [(LABEL] — make a CMS disk: every
 * track gets 800-byte records (SIO: SEEK, SEARCH ID EQUAL R0, WRITE COUNT KEY
 * DATA for each), then the label, MFD and allocation map; the disk is then
 * accessed. With LABEL only the label of a CMS disk changes. */
#include "commands.h"
#include "disks.h"

static int ask(const char *question, char *answer, int size)
{
    say(question);
    int n = cons_read(answer, size);
    for (int i = 0; i < n; i++) answer[i] = (char)toupper((u8)answer[i]);
    while (n && answer[n - 1] == ' ') answer[--n] = 0;
    return n;
}

static int format_track(struct adisk *d, u32 track, u8 *records, struct ccw *program)
{
    static u8 seek[8] __attribute__((aligned(8)));
    u32 cylinder = track / d->heads, head = track % d->heads;
    seek[0] = seek[1] = 0;
    seek[2] = (u8)(cylinder >> 8);
    seek[3] = (u8)cylinder;
    seek[4] = (u8)(head >> 8);
    seek[5] = (u8)head;
    seek[6] = 0;                                    /* R0 */
    ccw_set(&program[0], 0x07, seek, CCW_CC, 6);
    ccw_set(&program[1], 0x31, seek + 2, CCW_CC, 5);
    ccw_set(&program[2], 0x08, &program[1], 0, 0);
    for (u32 r = 0; r < d->per_track; r++) {
        u8 *count = records + r * (8 + CMS_BLOCK);
        memcpy(count, seek + 2, 4);
        count[4] = (u8)(r + 1);
        count[5] = 0;
        count[6] = CMS_BLOCK >> 8;
        count[7] = CMS_BLOCK & 0xFF;
        ccw_set(&program[3 + r], 0x1D, count, r + 1 < d->per_track ? CCW_CC : 0, 8 + CMS_BLOCK);
    }
    struct csw csw;
    if (io_run(d->vaddr, program, &csw) != 0) return -1;
    return (csw.unit & (UNIT_CHECK | UNIT_EXCEPTION)) || (csw.channel & ~0x40) ? -1 : 0;
}

static int relabel(struct adisk *d, char mode, const char *label)
{
    u8 block[CMS_BLOCK];
    struct blockdev dev = disk_blockdev(d);
    if (dev.read(d, 3, block)) {
        sayf("DMSFOR069E DISK '%c' NOT ACCESSED", mode);
        return 36;
    }
    char text[6];
    memset(text, ' ', 6);
    memcpy(text, label, strlen(label) > 6 ? 6 : strlen(label));
    to_ebcdic(block + 4, text, 6);
    if (dev.write(d, 3, block)) return 100;
    disk_access(d->vaddr, mode, 0, 1);
    return 0;
}

int cmd_format(struct plist *p)
{
    u32 vaddr, wanted = 0;
    if (p->count < 3 || !parse_hex(p->token[1], &vaddr)) {
        say(p->count < 2 ? "DMSFOR017E NO DEVICE SPECIFIED" : "DMSFOR048E INVALID MODE ''");
        return 24;
    }
    char mode = p->token[2][0];
    if (mode < 'A' || mode > 'Z' || p->token[2][1]) {
        sayf("DMSFOR048E INVALID MODE '%s'", p->token[2]);
        return 24;
    }
    int label_only = 0;
    for (int i = 3; i < p->count; i++) {
        const char *w = p->token[i];
        if (w[0] == '(' || w[0] == ')') continue;
        if (abbrev(w, "LABEL", 3)) label_only = 1;
        else if (!parse_dec(w, &wanted) || wanted == 0) {
            sayf("DMSFOR003E INVALID OPTION '%s'", w);
            return 24;
        }
    }
    static struct adisk d;
    int readonly;
    if (disk_device(vaddr, &d, &readonly) != 0) {
        sayf("DMSFOR113S %c(%03X) NOT ATTACHED", mode, vaddr);
        return 100;
    }
    if (readonly) {
        sayf("DMSFOR037E DISK '%c(%03X)' IS READ/ONLY", mode, vaddr);
        return 36;
    }
    char answer[80];
    if (label_only) {
        ask("DMSFOR605R ENTER DISK LABEL:", answer, sizeof answer);
        return relabel(&d, mode, answer);
    }
    char question[120];
    format(question, sizeof question,
           "DMSFOR603R FORMAT WILL ERASE ALL FILES ON DISK '%c(%03X)'. DO YOU WISH TO CONTINUE? (YES|NO):", mode, vaddr);
    ask(question, answer, sizeof answer);
    if (strcmp(answer, "YES") != 0) return 0;
    ask("DMSFOR605R ENTER DISK LABEL:", answer, sizeof answer);
    char label[7] = "";
    for (int i = 0; i < 6 && answer[i] && answer[i] != ' '; i++) { label[i] = answer[i]; label[i + 1] = 0; }

    /* The disk is not accessed while it changes. */
    struct adisk *list[26];
    int n = disk_search_order(list);
    for (int i = 0; i < n; i++)
        if (list[i]->vaddr == vaddr || list[i]->mode == mode) disk_release(list[i]->mode);

    u32 cylinders = disk_cylinders(&d);
    if (wanted && wanted < cylinders) cylinders = wanted;
    sayf("DMSFOR733I FORMATTING DISK '%c'.", mode);
    u8 *records = cms_alloc(d.per_track * (8 + CMS_BLOCK));
    struct ccw *program = cms_alloc((3 + d.per_track) * sizeof *program);
    int rc = records && program ? 0 : 104;
    for (u32 t = 0; !rc && t < cylinders * d.heads; t++)
        if (format_track(&d, t, records, program)) {
            sayf("DMSFOR125S PERMANENT UNIT CHECK ON DISK '%c(%03X)'", mode, vaddr);
            rc = 100;
        }
    cms_free(program);
    cms_free(records);
    if (rc) return rc;
    struct blockdev dev = disk_blockdev(&d);
    if (fs_format(&dev, cylinders * d.heads * d.per_track, cylinders, label)) {
        sayf("DMSFOR125S PERMANENT UNIT CHECK ON DISK '%c(%03X)'", mode, vaddr);
        return 100;
    }
    sayf("DMSFOR732I %u CYLINDERS FORMATTED ON DISK '%c(%03X)'.", cylinders, mode, vaddr);
    return disk_access(vaddr, mode, 0, 0);
}
