/* vm67 CMS: accessed disks and their block I/O. A block is read or written
 * by one DIAGNOSE X'18' channel program: SEEK, SEARCH ID EQUAL, TIC *-8,
 * READ or WRITE DATA (800 bytes). */
#include "commands.h"
#include "disks.h"

int diag18(u32 vaddr, void *ccws, u32 count, u32 *r15);

static struct adisk *table[26];

struct adisk *disk_at(char mode)
{
    if (mode < 'A' || mode > 'Z') return NULL;
    struct adisk *d = table[mode - 'A'];
    return d && d->active ? d : NULL;
}

int disk_search_order(struct adisk **out)
{
    int n = 0;
    for (int i = 0; i < 26; i++)
        if (table[i] && table[i]->active) out[n++] = table[i];
    return n;
}

/* Geometry by DIAGNOSE X'24' type byte: 800-byte records per track, heads. */
static const struct { u8 code; u32 type, heads, per_track; } geometries[] = {
    { 0x40, 0x2314, 20, 7 }, { 0x10, 0x3330, 19, 13 }, { 0x01, 0x3340, 12, 8 },
    { 0x08, 0x3350, 30, 19 }, { 0x04, 0x3375, 12, 29 }, { 0x20, 0x3380, 15, 35 },
};

const char *disk_type_name(u32 devtype)
{
    switch (devtype) {
    case 0x2314: return "2314";
    case 0x3330: return "3330";
    case 0x3340: return "3340";
    case 0x3350: return "3350";
    case 0x3375: return "3375";
    case 0x3380: return "3380";
    }
    return "????";
}

/* 0, or DIAGNOSE X'18''s R15 (4: beyond the minidisk; 13: an I/O error). */
static int block_io(struct adisk *d, u32 block, u8 *buf, u8 command)
{
    static struct ccw program[4];
    static u8 seek[8] __attribute__((aligned(8)));
    static u8 search[8] __attribute__((aligned(8)));
    u32 track = (block - 1) / d->per_track;
    u32 record = (block - 1) % d->per_track + 1;
    u32 cylinder = track / d->heads, head = track % d->heads;
    seek[0] = seek[1] = 0;
    seek[2] = (u8)(cylinder >> 8);
    seek[3] = (u8)cylinder;
    seek[4] = (u8)(head >> 8);
    seek[5] = (u8)head;
    memcpy(search, seek + 2, 4);
    search[4] = (u8)record;
    ccw_set(&program[0], 0x07, seek, CCW_CC, 6);
    ccw_set(&program[1], 0x31, search, CCW_CC, 5);
    ccw_set(&program[2], 0x08, &program[1], 0, 0);
    ccw_set(&program[3], command, buf, CCW_SILI, CMS_BLOCK);
    u32 r15;
    return diag18(d->vaddr, program, 1, &r15) == 0 ? 0 : (int)(r15 ? r15 : 99);
}

static int read_block(void *ctx, u32 block, u8 *buf) { return block_io(ctx, block, buf, 0x06); }
static int write_block(void *ctx, u32 block, const u8 *buf) { return block_io(ctx, block, (u8 *)buf, 0x05); }

int disk_device(u32 vaddr, struct adisk *d, int *readonly)
{
    u32 vinfo, rinfo;
    if (diag_device_type(vaddr, &vinfo, &rinfo) != 0) return -1;
    for (size_t i = 0; i < sizeof geometries / sizeof geometries[0]; i++)
        if ((vinfo >> 24) == 0x04 && ((vinfo >> 16) & 0xFF) == geometries[i].code) {
            d->vaddr = vaddr;
            d->devtype = geometries[i].type;
            d->heads = geometries[i].heads;
            d->per_track = geometries[i].per_track;
            *readonly = (vinfo & 0x80) != 0;
            return 0;
        }
    return -1;
}

struct blockdev disk_blockdev(struct adisk *d)
{
    struct blockdev dev = { read_block, write_block, d };
    return dev;
}

/* The minidisk's cylinders: DIAGNOSE X'18' says R15 = 4 for a seek beyond
 * it, whatever the tracks hold. */
u32 disk_cylinders(struct adisk *d)
{
    static u8 buf[CMS_BLOCK] __attribute__((aligned(8)));
    u32 inside = 0, outside = 65536;      /* the highest cylinder seen, the lowest not there */
    while (outside - inside > 1) {
        u32 mid = (inside + outside) / 2;
        u32 block = mid * d->heads * d->per_track + 1;
        if (block_io(d, block, buf, 0x06) == 4) outside = mid;
        else inside = mid;
    }
    return inside + 1;
}

int disk_access(u32 vaddr, char mode, char parent, int quiet)
{
    struct adisk probe;
    int readonly;
    if (disk_device(vaddr, &probe, &readonly) != 0) {
        if (!quiet) sayf("DMSACC113S %c(%03X) NOT ATTACHED", mode, vaddr);
        return 100;
    }
    struct adisk *d = cms_alloc(sizeof *d);
    if (!d) {
        say("DMSACC109S VIRTUAL STORAGE CAPACITY EXCEEDED");
        return 104;
    }
    *d = probe;
    d->mode = mode;
    d->parent = parent;
    struct blockdev dev = { read_block, write_block, d };
    readonly = readonly || parent != 0;
    int rc = fs_mount(&d->fs, &dev, readonly);
    /* A disk whose label block cannot be read has never been formatted (CP
     * makes new minidisks with only home addresses and R0). */
    if (rc == FS_IOERROR) {
        static u8 label[CMS_BLOCK] __attribute__((aligned(8)));
        if (read_block(d, 3, label) != 0) rc = FS_NOTCMS;
    }
    if (rc) {
        fs_unmount(&d->fs);
        cms_free(d);
        if (!quiet) {
            if (rc == FS_NOTCMS) sayf("DMSACC112S %c(%03X) IS NOT A CMS FORMATTED DISK", mode, vaddr);
            else sayf("DMSACC112S %c(%03X) DEVICE ERROR", mode, vaddr);
        }
        return rc == FS_NOTCMS ? 88 : 100;
    }
    /* The same disk accessed elsewhere is released there first. */
    for (int i = 0; i < 26; i++)
        if (table[i] && table[i]->active && table[i]->vaddr == vaddr) disk_release((char)('A' + i));
    struct adisk *old = table[mode - 'A'];
    if (old && old->active) {
        if (!quiet) sayf("DMSACC724I %03X REPLACES %c (%03X)", vaddr, mode, old->vaddr);
        disk_release(mode);
    }
    d->active = 1;
    table[mode - 'A'] = d;
    if (!quiet) {
        if (parent) sayf("%c (%03X) R/O", mode, vaddr);     /* DMSACC723I */
        else if (readonly) sayf("DMSACC723I %c (%03X) R/O", mode, vaddr);
    }
    return 0;
}

void disk_release(char mode)
{
    struct adisk *d = disk_at(mode);
    if (!d) return;
    fs_unmount(&d->fs);
    d->active = 0;
    table[mode - 'A'] = NULL;
    cms_free(d);
}

int fileid_parse(struct plist *p, int first, char default_mode, struct fileid *id)
{
    memset(id, 0, sizeof *id);
    id->mode = default_mode;
    if (first + 1 >= p->count || p->token[first][0] == '(' || p->token[first + 1][0] == '(') return 0;
    strcpy(id->fn, p->token[first]);
    strcpy(id->ft, p->token[first + 1]);
    if (first + 2 < p->count && p->token[first + 2][0] != '(') {
        const char *m = p->token[first + 2];
        id->mode = m[0];
        if (m[1] >= '0' && m[1] <= '9') id->digit = m[1];
        return 3;
    }
    return 2;
}

struct adisk *file_locate(const struct fileid *id, struct fileinfo *f)
{
    if (id->mode != '*') {
        struct adisk *d = disk_at(id->mode);
        if (d && fs_find(&d->fs, id->fn, id->ft, f)) return d;
        /* An extension of the disk is searched too. */
        for (int i = 0; i < 26; i++)
            if (table[i] && table[i]->active && table[i]->parent == id->mode &&
                fs_find(&table[i]->fs, id->fn, id->ft, f)) return table[i];
        return NULL;
    }
    for (int i = 0; i < 26; i++)
        if (table[i] && table[i]->active && fs_find(&table[i]->fs, id->fn, id->ft, f)) return table[i];
    return NULL;
}

void fileid_text(char *out, const struct fileid *id)
{
    format(out, 32, "%s %s %c", id->fn, id->ft, id->mode);
}

int disk_readonly_message(const char *module, struct adisk *d)
{
    if (!d->fs.readonly) return 0;
    sayf("DMS%s037E DISK '%c' IS READ/ONLY", module, d->mode);
    return 1;
}
