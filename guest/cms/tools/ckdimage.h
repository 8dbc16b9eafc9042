/* vm67 CMS host tools and tests: a Hercules CKD image (CKD_P370, uncompressed) held in
 * memory, read and written as 800-byte CMS blocks. */
#ifndef CKDIMAGE_H
#define CKDIMAGE_H
#include "../src/cmsfs.h"

struct ckdimage {
    unsigned char *data;
    long size;
    unsigned heads, track_size, per_track;
    long *offsets;          /* data offset of block n at [n] */
    unsigned nblocks;
    int writes, fail_after; /* fail_after >= 0: writes after that many fail */
};

int ckd_load(struct ckdimage *img, const char *path);
struct ckdimage ckd_copy(const struct ckdimage *img);
void ckd_free(struct ckdimage *img);
struct blockdev ckd_blockdev(struct ckdimage *img);
/* A new image of `cylinders` cylinders, every track formatted with R0 and
 * per_track 800-byte records (what CMS FORMAT leaves). */
int ckd_create(struct ckdimage *img, unsigned devtype, unsigned heads, unsigned track_size, unsigned per_track,
               unsigned cylinders);
int ckd_save(const struct ckdimage *img, const char *path);

#endif
