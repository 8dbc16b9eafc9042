/* vm67 CMS host tests: CKD images as CMS block devices. */
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
