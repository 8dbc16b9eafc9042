/* vm67 CMS: the VM/370 CMS disk format (800-byte blocks, "CDF").
 *
 * Block n (from 1) is record (n-1) mod R + 1 on track (n-1) div R. Block 3
 * is the label `CMS=volid`; block 4 the master file directory (MFD): a
 * halfword list of the FST blocks, ended by X'FFFF', or by X'FFFD' and the
 * list of allocation-map extension blocks ended by X'0000'; at X'16C' the
 * block counts; at X'180' the allocation map (QMSK), one bit per block.
 * An FST block holds 20 FSTs of 40 bytes. A file's first chain link holds
 * 40 pointers to further chain links and 60 data-block pointers; each
 * further chain link 400 data-block pointers. F records lie end to end;
 * V records are a halfword length and the data.
 *
 * Writes are crash-consistent: new data, chain links, FST blocks and map
 * extension blocks go to blocks that are free in the committed map; the
 * single write of the MFD commits them all, and only then are the blocks
 * the old state used free for reuse.
 *
 * This code runs in the nucleus and, for the unit tests, on the host. */
#ifndef CMSFS_H
#define CMSFS_H
#include "cms.h"

#define CMS_BLOCK 800
#define FST_SIZE 40
#define FSTS_PER_BLOCK 20
#define MFD_BLOCK 4
#define MFD_ADTNUM 0x16C
#define MFD_QMSK 0x180
#define MFD_QMSK_BYTES 215
#define MAX_FST_BLOCKS 160     /* with X'FFFD', 16 map blocks and X'0000': below X'16C' */
#define MAX_QMSK_BLOCKS 16
#define FCL_LINKS 40
#define FCL_DATA 60
#define LINK_DATA 400
#define MAX_FILE_BLOCKS (FCL_DATA + FCL_LINKS * LINK_DATA)

/* Reads or writes one 800-byte block (numbered from 1); 0 or an error. */
struct blockdev {
    int (*read)(void *ctx, u32 block, u8 *buf);
    int (*write)(void *ctx, u32 block, const u8 *buf);
    void *ctx;
};

/* Errors (the CMS return codes where they exist). */
#define FS_OK 0
#define FS_NOTFOUND 28
#define FS_EXISTS 28
#define FS_FULL 13
#define FS_READONLY 12
#define FS_IOERROR 25
#define FS_NOTCMS 30
#define FS_NOMEMORY 104
#define FS_BADFILE 32

struct cmsdisk {
    struct blockdev dev;
    int readonly;
    char label[7];
    u8 mfd[CMS_BLOCK];
    u16 fstblk[MAX_FST_BLOCKS];
    int nfstblk;
    u16 qmskblk[MAX_QMSK_BLOCKS];
    int nqmskblk;
    u32 total;          /* ADTNUM */
    u32 used;           /* ADTUSED */
    u32 cylinders;      /* ADTCYL */
    u8 *fsts;           /* nfstblk * 800 bytes: the FST blocks */
    u8 *qmsk;           /* the allocation map as it will be committed */
    u8 *committed;      /* the allocation map on disk */
    u32 qmsk_bytes;
    u8 dirty_fst[MAX_FST_BLOCKS];
};

/* One FST, decoded (names in ASCII without trailing blanks). */
struct fileinfo {
    char fname[9], ftype[9];
    char fmode_digit;
    char recfm;
    u32 lrecl;
    u32 items;
    u32 blocks;
    u32 fcl;
    u8 date[4];         /* BCD MM DD HH MM */
    char year[3];
    u8 *fst;            /* the raw FST in the disk's FST blocks */
};

/* Host and nucleus provide these. */
void *fs_alloc(u32 size);
void fs_free(void *p);
/* Date and time for a new FST: BCD MM DD HH MM and the year's two digits. */
void fs_now(u8 date[4], char year[2]);

/* Writes an empty CMS disk of `blocks` 800-byte blocks (fs_format.c). */
int fs_format(const struct blockdev *dev, u32 blocks, u32 cylinders, const char *label);
int fs_mount(struct cmsdisk *d, const struct blockdev *dev, int readonly);
void fs_unmount(struct cmsdisk *d);
u32 fs_file_count(const struct cmsdisk *d);
/* The index-th FST in use (0-based), or 0 when there are no more. */
int fs_file_at(const struct cmsdisk *d, u32 index, struct fileinfo *f);
int fs_find(const struct cmsdisk *d, const char *fname, const char *ftype, struct fileinfo *f);
void fs_decode(u8 *fst, struct fileinfo *f);
/* Matches a name against a pattern with * (any run) and % (any one). */
int fs_match(const char *pattern, const char *name);

/* Sequential record reading. */
struct reader {
    struct cmsdisk *disk;
    struct fileinfo info;
    u16 *blocks;
    u32 nblocks, next_block;
    u8 buf[CMS_BLOCK];
    u32 pos, avail;
    u32 record;
};
int fs_open(struct cmsdisk *d, const char *fname, const char *ftype, struct reader *r);
/* The next record's length (copied up to max bytes), or -1 at the end. */
int fs_read(struct reader *r, u8 *out, u32 max);
void fs_close(struct reader *r);

/* Writing a new file (it replaces a file of the same name on commit). */
struct writer {
    struct cmsdisk *disk;
    char fname[9], ftype[9];
    char fmode_digit, recfm;
    u32 lrecl, items, maxlen;
    u16 *blocks;
    u32 nblocks;
    u8 buf[CMS_BLOCK];
    u32 fill;
    int error;
};
int fs_create(struct cmsdisk *d, const char *fname, const char *ftype, char digit, char recfm, u32 lrecl,
              struct writer *w);
int fs_write(struct writer *w, const u8 *data, u32 length);
int fs_commit(struct writer *w);
void fs_abandon(struct writer *w);

int fs_erase(struct cmsdisk *d, const char *fname, const char *ftype);
int fs_rename(struct cmsdisk *d, const char *fname, const char *ftype, const char *nfname,
              const char *nftype, char digit);
/* Blocks in use and the total, as the MFD says. */
u32 fs_blocks_used(const struct cmsdisk *d);

/* Internal: allocation and the commit of the directory (fs_dir.c). */
u32 fs_allocate(struct cmsdisk *d);
void fs_release(struct cmsdisk *d, u32 block);
int fs_commit_directory(struct cmsdisk *d);
void fs_rollback(struct cmsdisk *d);
u8 *fs_free_fst(struct cmsdisk *d);
int fs_file_blocks(struct cmsdisk *d, const struct fileinfo *f, u16 **blocks, u32 *nblocks, u16 **links,
                   u32 *nlinks);

static inline u32 get16(const u8 *p) { return (u32)p[0] << 8 | p[1]; }
static inline u32 get32(const u8 *p) { return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]; }
static inline void put16(u8 *p, u32 v) { p[0] = (u8)(v >> 8); p[1] = (u8)v; }
static inline void put32(u8 *p, u32 v) { p[0] = (u8)(v >> 24); p[1] = (u8)(v >> 16); p[2] = (u8)(v >> 8); p[3] = (u8)v; }

#endif
