/* vm67 CMS file system: mounting a disk, its FSTs, the allocation map and
 * the commit of the directory (see cmsfs.h for the format and the order of
 * writes). */
#include "cmsfs.h"

static const u8 cms_label[4] = { 0xC3, 0xD4, 0xE2, 0x7E };    /* CMS= */

static int bit(const u8 *map, u32 block) { return map[(block - 1) / 8] & (0x80 >> ((block - 1) % 8)); }

int fs_mount(struct cmsdisk *d, const struct blockdev *dev, int readonly)
{
    memset(d, 0, sizeof *d);
    d->dev = *dev;
    d->readonly = readonly;
    u8 *block = d->mfd;
    if (d->dev.read(d->dev.ctx, 3, block)) return FS_IOERROR;
    if (memcmp(block, cms_label, 4) != 0) return FS_NOTCMS;
    from_ebcdic(d->label, block + 4, 6);
    d->label[6] = 0;
    if (d->dev.read(d->dev.ctx, MFD_BLOCK, d->mfd)) return FS_IOERROR;
    int i = 0;
    const int halfwords = MFD_ADTNUM / 2;
    for (; i < halfwords; i++) {
        u32 v = get16(d->mfd + 2 * i);
        if (v == 0 || v == 0xFFFF) break;
        if (v == 0xFFFD) {
            for (i++; i < halfwords; i++) {
                u32 q = get16(d->mfd + 2 * i);
                if (q == 0 || q == 0xFFFF || d->nqmskblk == MAX_QMSK_BLOCKS) break;
                d->qmskblk[d->nqmskblk++] = (u16)q;
            }
            break;
        }
        if (d->nfstblk == MAX_FST_BLOCKS) return FS_NOTCMS;
        d->fstblk[d->nfstblk++] = (u16)v;
    }
    d->total = get32(d->mfd + MFD_ADTNUM);
    d->used = get32(d->mfd + MFD_ADTNUM + 4);
    d->cylinders = get32(d->mfd + MFD_ADTNUM + 16);
    if (d->total == 0 || d->nfstblk == 0) return FS_NOTCMS;
    u32 need = (d->total + 7) / 8;
    u32 ext = need > MFD_QMSK_BYTES ? (need - MFD_QMSK_BYTES + CMS_BLOCK - 1) / CMS_BLOCK : 0;
    if (ext > MAX_QMSK_BLOCKS) return FS_NOTCMS;
    d->qmsk_bytes = MFD_QMSK_BYTES + ext * CMS_BLOCK;
    d->qmsk = fs_alloc(d->qmsk_bytes);
    d->committed = fs_alloc(d->qmsk_bytes);
    d->fsts = fs_alloc((u32)(d->nfstblk + 1) * CMS_BLOCK);
    if (!d->qmsk || !d->committed || !d->fsts) { fs_unmount(d); return FS_NOMEMORY; }
    memset(d->qmsk, 0, d->qmsk_bytes);
    memcpy(d->qmsk, d->mfd + MFD_QMSK, MFD_QMSK_BYTES);
    for (int q = 0; q < d->nqmskblk && (u32)q < ext; q++)
        if (d->dev.read(d->dev.ctx, d->qmskblk[q], d->qmsk + MFD_QMSK_BYTES + q * CMS_BLOCK)) {
            fs_unmount(d);
            return FS_IOERROR;
        }
    memcpy(d->committed, d->qmsk, d->qmsk_bytes);
    for (int f = 0; f < d->nfstblk; f++)
        if (d->dev.read(d->dev.ctx, d->fstblk[f], d->fsts + f * CMS_BLOCK)) {
            fs_unmount(d);
            return FS_IOERROR;
        }
    return FS_OK;
}

void fs_unmount(struct cmsdisk *d)
{
    if (d->qmsk) fs_free(d->qmsk);
    if (d->committed) fs_free(d->committed);
    if (d->fsts) fs_free(d->fsts);
    d->qmsk = d->committed = d->fsts = NULL;
    d->nfstblk = 0;
}

/* An FST in use: a name that is neither zeros nor X'FF's. */
static int in_use(const u8 *fst) { return fst[0] != 0x00 && fst[0] != 0xFF; }

static void name_of(char *out, const u8 *field)
{
    from_ebcdic(out, field, 8);
    int n = 8;
    while (n && (out[n - 1] == ' ' || out[n - 1] == 0)) n--;
    out[n] = 0;
}

void fs_decode(u8 *fst, struct fileinfo *f)
{
    name_of(f->fname, fst);
    name_of(f->ftype, fst + 8);
    memcpy(f->date, fst + 16, 4);
    char mode[2];
    from_ebcdic(mode, fst + 24, 2);
    f->fmode_digit = mode[1] >= '0' && mode[1] <= '9' ? mode[1] : '1';
    f->items = get16(fst + 26);
    f->fcl = get16(fst + 28);
    from_ebcdic(&f->recfm, fst + 30, 1);
    f->lrecl = get32(fst + 32);
    f->blocks = get16(fst + 36);
    from_ebcdic(f->year, fst + 38, 2);
    f->year[2] = 0;
    f->fst = fst;
}

u32 fs_file_count(const struct cmsdisk *d)
{
    u32 n = 0;
    for (int i = 0; i < d->nfstblk * FSTS_PER_BLOCK; i++)
        if (in_use(d->fsts + i * FST_SIZE)) n++;
    return n;
}

int fs_file_at(const struct cmsdisk *d, u32 index, struct fileinfo *f)
{
    for (int i = 0; i < d->nfstblk * FSTS_PER_BLOCK; i++) {
        u8 *fst = d->fsts + i * FST_SIZE;
        if (!in_use(fst)) continue;
        if (index-- == 0) {
            fs_decode(fst, f);
            return 1;
        }
    }
    return 0;
}

int fs_find(const struct cmsdisk *d, const char *fname, const char *ftype, struct fileinfo *f)
{
    u8 key[16];
    char padded[16];
    memset(padded, ' ', 16);
    memcpy(padded, fname, strlen(fname) > 8 ? 8 : strlen(fname));
    memcpy(padded + 8, ftype, strlen(ftype) > 8 ? 8 : strlen(ftype));
    to_ebcdic(key, padded, 16);
    for (int i = 0; i < d->nfstblk * FSTS_PER_BLOCK; i++) {
        u8 *fst = d->fsts + i * FST_SIZE;
        if (in_use(fst) && memcmp(fst, key, 16) == 0) {
            fs_decode(fst, f);
            return 1;
        }
    }
    return 0;
}

int fs_match(const char *pattern, const char *name)
{
    if (*pattern == 0) return *name == 0;
    if (*pattern == '*') {
        for (const char *s = name;; s++) {
            if (fs_match(pattern + 1, s)) return 1;
            if (!*s) return 0;
        }
    }
    if (!*name) return 0;
    if (*pattern == '%' || *pattern == *name) return fs_match(pattern + 1, name + 1);
    return 0;
}

u32 fs_blocks_used(const struct cmsdisk *d) { return d->used; }

/* ---- allocation ---- */

u32 fs_allocate(struct cmsdisk *d)
{
    u32 limit = d->total < d->qmsk_bytes * 8 ? d->total : d->qmsk_bytes * 8;
    for (u32 byte = 0; byte < (limit + 7) / 8; byte++) {
        if ((d->qmsk[byte] | d->committed[byte]) == 0xFF) continue;
        for (u32 b = 0; b < 8; b++) {
            u32 block = byte * 8 + b + 1;
            if (block > limit) return 0;
            if (!bit(d->qmsk, block) && !bit(d->committed, block)) {
                d->qmsk[byte] |= (u8)(0x80 >> b);
                d->used++;
                return block;
            }
        }
    }
    return 0;
}

void fs_release(struct cmsdisk *d, u32 block)
{
    if (block == 0 || block > d->qmsk_bytes * 8 || !bit(d->qmsk, block)) return;
    d->qmsk[(block - 1) / 8] &= (u8)~(0x80 >> ((block - 1) % 8));
    d->used--;
}

/* A free FST slot (zeroed), adding an FST block when all are full. */
u8 *fs_free_fst(struct cmsdisk *d)
{
    for (int i = 0; i < d->nfstblk * FSTS_PER_BLOCK; i++) {
        u8 *fst = d->fsts + i * FST_SIZE;
        if (!in_use(fst)) {
            memset(fst, 0, FST_SIZE);
            d->dirty_fst[i / FSTS_PER_BLOCK] = 1;
            return fst;
        }
    }
    if (d->nfstblk == MAX_FST_BLOCKS) return NULL;
    u8 *grown = fs_alloc((u32)(d->nfstblk + 2) * CMS_BLOCK);
    if (!grown) return NULL;
    memcpy(grown, d->fsts, (u32)d->nfstblk * CMS_BLOCK);
    memset(grown + d->nfstblk * CMS_BLOCK, 0, 2 * CMS_BLOCK);
    fs_free(d->fsts);
    d->fsts = grown;
    d->fstblk[d->nfstblk] = 0;
    d->dirty_fst[d->nfstblk] = 1;
    return d->fsts + (d->nfstblk++) * CMS_BLOCK;
}

static int empty_block(const u8 *b)
{
    for (int i = 0; i < FSTS_PER_BLOCK; i++)
        if (in_use(b + i * FST_SIZE)) return 0;
    return 1;
}

int fs_commit_directory(struct cmsdisk *d)
{
    if (d->readonly) return FS_READONLY;
    /* 1. Changed FST blocks go to new blocks; empty ones leave the list. */
    for (int i = 0; i < d->nfstblk; i++) {
        if (!d->dirty_fst[i]) continue;
        u8 *b = d->fsts + i * CMS_BLOCK;
        if (empty_block(b) && d->nfstblk > 1) {
            fs_release(d, d->fstblk[i]);
            memmove(b, b + CMS_BLOCK, (u32)(d->nfstblk - i - 1) * CMS_BLOCK);
            memmove(&d->fstblk[i], &d->fstblk[i + 1], (u32)(d->nfstblk - i - 1) * sizeof d->fstblk[0]);
            memmove(&d->dirty_fst[i], &d->dirty_fst[i + 1], (u32)(d->nfstblk - i - 1));
            d->nfstblk--;
            i--;
            continue;
        }
        u32 fresh = fs_allocate(d);
        if (!fresh) return FS_FULL;
        if (d->dev.write(d->dev.ctx, fresh, b)) return FS_IOERROR;
        fs_release(d, d->fstblk[i]);
        d->fstblk[i] = (u16)fresh;
    }
    /* 2. The allocation map beyond the MFD, when it changed. */
    u32 last = 0;
    for (u32 i = 0; i < d->qmsk_bytes; i++)
        if (d->qmsk[i]) last = i;
    if (memcmp(d->qmsk + MFD_QMSK_BYTES, d->committed + MFD_QMSK_BYTES, d->qmsk_bytes - MFD_QMSK_BYTES) != 0
        || (last >= MFD_QMSK_BYTES && d->nqmskblk == 0)) {
        u32 blocks = (d->qmsk_bytes - MFD_QMSK_BYTES) / CMS_BLOCK;
        u16 fresh[MAX_QMSK_BLOCKS];
        for (u32 q = 0; q < blocks; q++) {
            fresh[q] = (u16)fs_allocate(d);
            if (!fresh[q]) return FS_FULL;
        }
        for (int q = 0; q < d->nqmskblk; q++) fs_release(d, d->qmskblk[q]);
        for (u32 q = 0; q < blocks; q++)
            if (d->dev.write(d->dev.ctx, fresh[q], d->qmsk + MFD_QMSK_BYTES + q * CMS_BLOCK)) return FS_IOERROR;
        memcpy(d->qmskblk, fresh, blocks * sizeof fresh[0]);
        d->nqmskblk = (int)blocks;
    }
    /* 3. The MFD: one write commits everything. */
    u8 *m = d->mfd;
    memset(m, 0, MFD_ADTNUM);
    int at = 0;
    for (int i = 0; i < d->nfstblk; i++, at += 2) put16(m + at, d->fstblk[i]);
    if (d->nqmskblk) {
        put16(m + at, 0xFFFD);
        at += 2;
        for (int q = 0; q < d->nqmskblk; q++, at += 2) put16(m + at, d->qmskblk[q]);
        put16(m + at, 0);
    } else {
        put16(m + at, 0xFFFF);
    }
    last = 0;
    for (u32 i = 0; i < d->qmsk_bytes; i++)
        if (d->qmsk[i]) last = i;
    put32(m + MFD_ADTNUM + 4, d->used);
    put32(m + MFD_ADTNUM + 8, d->total - d->used);
    put32(m + MFD_ADTNUM + 12, last);
    memcpy(m + MFD_QMSK, d->qmsk, MFD_QMSK_BYTES);
    if (d->dev.write(d->dev.ctx, MFD_BLOCK, m)) return FS_IOERROR;
    memcpy(d->committed, d->qmsk, d->qmsk_bytes);
    memset(d->dirty_fst, 0, sizeof d->dirty_fst);
    return FS_OK;
}

/* After a failed change: back to what the disk holds. */
void fs_rollback(struct cmsdisk *d)
{
    struct blockdev dev = d->dev;
    int readonly = d->readonly;
    fs_unmount(d);
    fs_mount(d, &dev, readonly);
}
