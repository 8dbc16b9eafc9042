/* vm67 CMS file system: a file's chain links and records — reading,
 * writing a new file, erasing and renaming. */
#include "cmsfs.h"

/* The data blocks of a file (FSTBLKCT of them) and its chain links. */
int fs_file_blocks(struct cmsdisk *d, const struct fileinfo *f, u16 **blocks, u32 *nblocks, u16 **links,
                   u32 *nlinks)
{
    u8 buf[CMS_BLOCK];
    u32 n = f->blocks;
    u32 nl = n <= FCL_DATA ? 1 : 1 + (n - FCL_DATA + LINK_DATA - 1) / LINK_DATA;
    if (n > MAX_FILE_BLOCKS || f->fcl == 0) return FS_BADFILE;
    u16 *list = fs_alloc((n ? n : 1) * 2);
    u16 *chain = fs_alloc(nl * 2);
    if (!list || !chain) {
        if (list) fs_free(list);
        if (chain) fs_free(chain);
        return FS_NOMEMORY;
    }
    chain[0] = (u16)f->fcl;
    if (d->dev.read(d->dev.ctx, f->fcl, buf)) goto io;
    for (u32 i = 1; i < nl; i++) chain[i] = (u16)get16(buf + 2 * (i - 1));
    u32 got = 0;
    for (u32 i = 0; i < FCL_DATA && got < n; i++) list[got++] = (u16)get16(buf + 2 * FCL_LINKS + 2 * i);
    for (u32 l = 1; l < nl && got < n; l++) {
        if (d->dev.read(d->dev.ctx, chain[l], buf)) goto io;
        for (u32 i = 0; i < LINK_DATA && got < n; i++) list[got++] = (u16)get16(buf + 2 * i);
    }
    *blocks = list;
    *nblocks = n;
    if (links) {
        *links = chain;
        *nlinks = nl;
    } else {
        fs_free(chain);
    }
    return FS_OK;
io:
    fs_free(list);
    fs_free(chain);
    return FS_IOERROR;
}

/* ---- reading ---- */

int fs_open(struct cmsdisk *d, const char *fname, const char *ftype, struct reader *r)
{
    memset(r, 0, sizeof *r);
    r->disk = d;
    if (!fs_find(d, fname, ftype, &r->info)) return FS_NOTFOUND;
    return fs_file_blocks(d, &r->info, &r->blocks, &r->nblocks, NULL, NULL);
}

/* Copies n bytes of the file's byte stream (into out, when not NULL). */
static int take(struct reader *r, u8 *out, u32 n)
{
    while (n) {
        if (r->pos == r->avail) {
            if (r->next_block == r->nblocks) return -1;
            if (r->disk->dev.read(r->disk->dev.ctx, r->blocks[r->next_block++], r->buf)) return -1;
            r->pos = 0;
            r->avail = CMS_BLOCK;
        }
        u32 part = r->avail - r->pos;
        if (part > n) part = n;
        if (out) {
            memcpy(out, r->buf + r->pos, part);
            out += part;
        }
        r->pos += part;
        n -= part;
    }
    return 0;
}

int fs_read(struct reader *r, u8 *out, u32 max)
{
    if (r->record >= r->info.items) return -1;
    u32 length;
    if (r->info.recfm == 'V') {
        u8 len[2];
        if (take(r, len, 2)) return -1;
        length = get16(len);
    } else {
        length = r->info.lrecl;
    }
    u32 keep = length < max ? length : max;
    if (take(r, out, keep) || take(r, NULL, length - keep)) return -1;
    r->record++;
    return (int)length;
}

void fs_close(struct reader *r)
{
    if (r->blocks) fs_free(r->blocks);
    r->blocks = NULL;
}

/* ---- writing ---- */

static void copy_name(char *out, const char *in)
{
    size_t n = strlen(in);
    if (n > 8) n = 8;
    memcpy(out, in, n);
    out[n] = 0;
}

int fs_create(struct cmsdisk *d, const char *fname, const char *ftype, char digit, char recfm, u32 lrecl,
              struct writer *w)
{
    memset(w, 0, sizeof *w);
    if (d->readonly) return FS_READONLY;
    w->disk = d;
    copy_name(w->fname, fname);
    copy_name(w->ftype, ftype);
    w->fmode_digit = digit ? digit : '1';
    w->recfm = recfm == 'V' ? 'V' : 'F';
    w->lrecl = lrecl;
    return FS_OK;
}

static int add_block(struct writer *w, u32 block)
{
    if (w->nblocks == MAX_FILE_BLOCKS) return FS_FULL;
    if ((w->nblocks & 63) == 0) {
        u16 *grown = fs_alloc((w->nblocks + 64) * 2);
        if (!grown) return FS_NOMEMORY;
        if (w->blocks) {
            memcpy(grown, w->blocks, w->nblocks * 2);
            fs_free(w->blocks);
        }
        w->blocks = grown;
    }
    w->blocks[w->nblocks++] = (u16)block;
    return FS_OK;
}

static int flush_block(struct writer *w)
{
    u32 block = fs_allocate(w->disk);
    if (!block) return FS_FULL;
    int rc = add_block(w, block);
    if (rc) {
        fs_release(w->disk, block);
        return rc;
    }
    if (w->fill < CMS_BLOCK) memset(w->buf + w->fill, 0, CMS_BLOCK - w->fill);
    if (w->disk->dev.write(w->disk->dev.ctx, block, w->buf)) return FS_IOERROR;
    w->fill = 0;
    return FS_OK;
}

static int put(struct writer *w, const u8 *data, u32 n, u8 pad)
{
    while (n) {
        u32 part = CMS_BLOCK - w->fill;
        if (part > n) part = n;
        if (data) {
            memcpy(w->buf + w->fill, data, part);
            data += part;
        } else {
            memset(w->buf + w->fill, pad, part);
        }
        w->fill += part;
        n -= part;
        if (w->fill == CMS_BLOCK) {
            int rc = flush_block(w);
            if (rc) return rc;
        }
    }
    return FS_OK;
}

int fs_write(struct writer *w, const u8 *data, u32 length)
{
    if (w->error) return w->error;
    if (w->items == 65535) return w->error = FS_FULL;     /* FSTRECCT is a halfword */
    int rc;
    if (w->recfm == 'V') {
        if (length > 65535) length = 65535;
        u8 len[2];
        put16(len, length);
        rc = put(w, len, 2, 0);
        if (!rc) rc = put(w, data, length, 0);
        if (length > w->maxlen) w->maxlen = length;
    } else {
        u32 keep = length < w->lrecl ? length : w->lrecl;
        rc = put(w, data, keep, 0);
        if (!rc && keep < w->lrecl) rc = put(w, NULL, w->lrecl - keep, 0x40);
    }
    if (!rc) w->items++;
    w->error = rc;
    return rc;
}

void fs_abandon(struct writer *w)
{
    if (w->disk && w->blocks) {
        for (u32 i = 0; i < w->nblocks; i++) fs_release(w->disk, w->blocks[i]);
    }
    if (w->blocks) fs_free(w->blocks);
    w->blocks = NULL;
    w->nblocks = 0;
}

/* Releases a file's data blocks and chain links. */
static int release_file(struct cmsdisk *d, const struct fileinfo *f)
{
    u16 *blocks, *links;
    u32 n, nl;
    int rc = fs_file_blocks(d, f, &blocks, &n, &links, &nl);
    if (rc) return rc;
    for (u32 i = 0; i < n; i++) fs_release(d, blocks[i]);
    for (u32 i = 0; i < nl; i++) fs_release(d, links[i]);
    fs_free(blocks);
    fs_free(links);
    return FS_OK;
}

static void mark_dirty(struct cmsdisk *d, const u8 *fst)
{
    d->dirty_fst[(u32)(fst - d->fsts) / CMS_BLOCK] = 1;
}

static void fill_name(u8 *fst, const char *fname, const char *ftype)
{
    char padded[16];
    size_t fn = strlen(fname), ft = strlen(ftype);
    memset(padded, ' ', 16);
    memcpy(padded, fname, fn > 8 ? 8 : fn);
    memcpy(padded + 8, ftype, ft > 8 ? 8 : ft);
    to_ebcdic(fst, padded, 16);
}

int fs_commit(struct writer *w)
{
    struct cmsdisk *d = w->disk;
    int rc = w->error;
    if (!rc && w->items == 0) rc = FS_BADFILE;
    if (!rc && w->fill) rc = flush_block(w);
    if (rc) goto fail;
    /* Chain links: the first holds 40 link pointers and 60 data pointers. */
    u32 n = w->nblocks;
    u32 nl = n <= FCL_DATA ? 1 : 1 + (n - FCL_DATA + LINK_DATA - 1) / LINK_DATA;
    u16 links[FCL_LINKS + 1];
    for (u32 i = 0; i < nl; i++) {
        links[i] = (u16)fs_allocate(d);
        if (!links[i]) {
            for (u32 k = 0; k < i; k++) fs_release(d, links[k]);
            rc = FS_FULL;
            goto fail;
        }
    }
    u8 buf[CMS_BLOCK];
    u32 at = 0;
    for (u32 l = 0; l < nl && !rc; l++) {
        memset(buf, 0, CMS_BLOCK);
        if (l == 0) {
            for (u32 i = 1; i < nl; i++) put16(buf + 2 * (i - 1), links[i]);
            for (u32 i = 0; i < FCL_DATA && at < n; i++) put16(buf + 2 * FCL_LINKS + 2 * i, w->blocks[at++]);
        } else {
            for (u32 i = 0; i < LINK_DATA && at < n; i++) put16(buf + 2 * i, w->blocks[at++]);
        }
        if (d->dev.write(d->dev.ctx, links[l], buf)) rc = FS_IOERROR;
    }
    if (rc) {
        for (u32 k = 0; k < nl; k++) fs_release(d, links[k]);
        goto fail;
    }
    /* The FST: the old file's slot (its blocks are released), or a new one. */
    struct fileinfo old;
    u8 *fst;
    if (fs_find(d, w->fname, w->ftype, &old)) {
        rc = release_file(d, &old);
        fst = old.fst;
    } else {
        fst = fs_free_fst(d);
        if (!fst) rc = FS_FULL;
    }
    if (rc) {
        for (u32 k = 0; k < nl; k++) fs_release(d, links[k]);
        goto fail;
    }
    memset(fst, 0, FST_SIZE);
    fill_name(fst, w->fname, w->ftype);
    u8 date[4];
    char year[2], mode[2] = { 'P', w->fmode_digit };
    fs_now(date, year);
    memcpy(fst + 16, date, 4);
    put16(fst + 20, w->items + 1);
    put16(fst + 22, 1);
    to_ebcdic(fst + 24, mode, 2);
    put16(fst + 26, w->items);
    put16(fst + 28, links[0]);
    to_ebcdic(fst + 30, &w->recfm, 1);
    put32(fst + 32, w->recfm == 'V' ? w->maxlen : w->lrecl);
    put16(fst + 36, n);
    to_ebcdic(fst + 38, year, 2);
    mark_dirty(d, fst);
    rc = fs_commit_directory(d);
    if (w->blocks) fs_free(w->blocks);
    w->blocks = NULL;
    if (rc) fs_rollback(d);
    return rc;
fail:
    fs_abandon(w);
    fs_rollback(d);
    return rc;
}

int fs_erase(struct cmsdisk *d, const char *fname, const char *ftype)
{
    struct fileinfo f;
    if (d->readonly) return FS_READONLY;
    if (!fs_find(d, fname, ftype, &f)) return FS_NOTFOUND;
    int rc = release_file(d, &f);
    if (rc) return rc;
    memset(f.fst, 0, FST_SIZE);
    mark_dirty(d, f.fst);
    rc = fs_commit_directory(d);
    if (rc) fs_rollback(d);
    return rc;
}

int fs_rename(struct cmsdisk *d, const char *fname, const char *ftype, const char *nfname,
              const char *nftype, char digit)
{
    struct fileinfo f, other;
    if (d->readonly) return FS_READONLY;
    if (!fs_find(d, fname, ftype, &f)) return FS_NOTFOUND;
    int same = strcmp(fname, nfname) == 0 && strcmp(ftype, nftype) == 0;
    if (!same && fs_find(d, nfname, nftype, &other)) return FS_EXISTS;
    fill_name(f.fst, nfname, nftype);
    if (digit) {
        char mode[2] = { 'P', digit };
        to_ebcdic(f.fst + 24, mode, 2);
    }
    mark_dirty(d, f.fst);
    int rc = fs_commit_directory(d);
    if (rc) fs_rollback(d);
    return rc;
}
