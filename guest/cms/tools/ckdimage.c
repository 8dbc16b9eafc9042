/* vm67 CMS host tools and tests: CKD images as CMS block devices. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ckdimage.h"

static unsigned le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (unsigned)p[3] << 24; }

int ckd_load(struct ckdimage *img, const char *path)
{
    memset(img, 0, sizeof *img);
    img->fail_after = -1;
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    img->size = ftell(f);
    fseek(f, 0, SEEK_SET);
    img->data = malloc(img->size);
    if (fread(img->data, 1, img->size, f) != (size_t)img->size) { fclose(f); return -1; }
    fclose(f);
    if (memcmp(img->data, "CKD_P370", 8) != 0) return -2;
    img->heads = le32(img->data + 8);
    img->track_size = le32(img->data + 12);
    long tracks = (img->size - 512) / img->track_size;
    /* Records per track from track 0 (all CMS tracks are alike). */
    img->offsets = calloc(tracks * 64 + 1, sizeof(long));
    for (long t = 0; t < tracks; t++) {
        unsigned char *track = img->data + 512 + t * img->track_size;
        long p = 5 + 8 + 8;     /* HA, R0 count and data */
        unsigned r = 0;
        while (memcmp(track + p, "\xff\xff\xff\xff\xff\xff\xff\xff", 8) != 0 && p < (long)img->track_size) {
            unsigned kl = track[p + 5], dl = track[p + 6] << 8 | track[p + 7];
            if (t == 0) img->per_track++;
            if (r < 64) img->offsets[1 + t * img->per_track + r] = 512 + t * img->track_size + p + 8 + kl;
            r++;
            p += 8 + kl + dl;
        }
    }
    img->nblocks = tracks * img->per_track;
    return 0;
}

struct ckdimage ckd_copy(const struct ckdimage *img)
{
    struct ckdimage c = *img;
    c.data = malloc(img->size);
    memcpy(c.data, img->data, img->size);
    c.offsets = img->offsets;   /* shared, read only */
    c.writes = 0;
    c.fail_after = -1;
    return c;
}

void ckd_free(struct ckdimage *img) { free(img->data); }

static int ckd_read(void *ctx, u32 block, u8 *buf)
{
    struct ckdimage *img = ctx;
    if (block == 0 || block > img->nblocks || !img->offsets[block]) return -1;
    memcpy(buf, img->data + img->offsets[block], CMS_BLOCK);
    return 0;
}

static int ckd_write(void *ctx, u32 block, const u8 *buf)
{
    struct ckdimage *img = ctx;
    if (block == 0 || block > img->nblocks || !img->offsets[block]) return -1;
    if (img->fail_after >= 0 && img->writes >= img->fail_after) return -1;
    img->writes++;
    memcpy(img->data + img->offsets[block], buf, CMS_BLOCK);
    return 0;
}

struct blockdev ckd_blockdev(struct ckdimage *img)
{
    struct blockdev d = { ckd_read, ckd_write, img };
    return d;
}

static void put_le32(unsigned char *p, unsigned v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

int ckd_create(struct ckdimage *img, unsigned devtype, unsigned heads, unsigned track_size, unsigned per_track,
               unsigned cylinders)
{
    memset(img, 0, sizeof *img);
    img->fail_after = -1;
    img->heads = heads;
    img->track_size = track_size;
    img->per_track = per_track;
    long tracks = (long)cylinders * heads;
    img->size = 512 + tracks * track_size;
    img->data = calloc(1, img->size);
    img->offsets = calloc(tracks * per_track + 1, sizeof(long));
    img->nblocks = tracks * per_track;
    memcpy(img->data, "CKD_P370", 8);
    put_le32(img->data + 8, heads);
    put_le32(img->data + 12, track_size);
    img->data[16] = devtype & 0xFF;
    for (long t = 0; t < tracks; t++) {
        unsigned char *p = img->data + 512 + t * track_size;
        unsigned c = t / heads, h = t % heads;
        unsigned char cchh[4] = { c >> 8, c, h >> 8, h };
        p[0] = 0;
        memcpy(p + 1, cchh, 4);                     /* home address */
        memcpy(p + 5, cchh, 4);                     /* R0: count, 8 bytes of data */
        p[9] = 0; p[10] = 0; p[11] = 0; p[12] = 8;
        long at = 5 + 8 + 8;
        for (unsigned r = 1; r <= per_track; r++) {
            memcpy(p + at, cchh, 4);
            p[at + 4] = r; p[at + 5] = 0; p[at + 6] = 800 >> 8; p[at + 7] = 800 & 0xFF;
            img->offsets[1 + t * per_track + (r - 1)] = 512 + t * track_size + at + 8;
            at += 8 + 800;
        }
        memset(p + at, 0xFF, 8);
        if (at + 8 > (long)track_size) return -1;
    }
    return 0;
}

int ckd_save(const struct ckdimage *img, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    int ok = fwrite(img->data, 1, img->size, f) == (size_t)img->size;
    return fclose(f) == 0 && ok ? 0 : -1;
}
